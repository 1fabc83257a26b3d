import type { HandoffPolicy } from '../src/domain/index.js';
import type { HandoffLedger } from '../src/ledger/ledger.js';
import { HUBSPOT_LIMITS } from '../src/fake-hubspot/http/rateLimits.js';
import { handoffShare } from '../src/hubspot/callBudget.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { hubspotSignedHeaders } from '../src/server/signature.js';
import { startServer } from '../src/server/startServer.js';
import { benchPortal, embeddedLedgerDir } from './benchLead.js';
import { nearestRank } from './latencyBench.js';

export interface ImportResult {
  engine: string;
  timeScale: number;
  contacts: number;
  deliveries: number;
  inFlight: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** From the first delivery until HubSpot shows every contact routed: its owner, the handoff's stage, its follow-up task. */
  secondsToAllRouted: number;
  /** Contacts HubSpot shows routed at the end (every one, or the bench failed). */
  routedInHubSpot: number;
  calls: number;
  callsPerLead: number;
  rateLimited: number;
  /** The least time HubSpot's limit allows for those calls at Handoff's share, in real seconds. */
  minimumSeconds: number;
  /** The floor: 4 calls for each batch of 100 at HubSpot's 190 per 10 s. */
  floorSeconds: number;
  /** Assignments per owner, and whether each routing rule's pool is split evenly (max − min ≤ 1). */
  split: Record<string, number>;
  fair: boolean;
  /** The ledger's statements (its own and pg-boss's) per lead, and their time per lead (each statement's duration, summed). */
  statementsPerLead: number;
  ledgerMsPerLead: number;
  /**
   * PostgreSQL's own execution time for the ledger's statements, per lead (pg_stat_statements,
   * when the server loads it), without the time spent waiting for the routing lock: the
   * database's work, where `ledgerMsPerLead` also counts each statement's wait for this
   * process's busy event loop. Undefined on PGlite, or where the extension is not loaded.
   */
  databaseMsPerLead?: number;
  peakRssMb: number;
  byRoute: Record<string, number>;
}

/**
 * A list import: `contacts` contacts made MQLs, announced by signed webhook deliveries of 100
 * events (`inFlight` at a time), with HubSpot's Professional limits enforced by the fake and time
 * running `timeScale`× faster. The clock stops when HubSpot shows every contact routed (owner,
 * stage, task id), read from the fake's own store. Every ledger statement is counted and timed
 * (Kysely's query log), and on PostgreSQL their execution time as the server counts it
 * (pg_stat_statements, if loaded); RSS is sampled every 50 ms (the whole process: the fake's
 * records included). PGlite keeps its data in a directory on disk, as `npm start` and
 * `handoff serve --embedded-ledger` do (its in-memory file system copies a growing file whole).
 */
export async function importBench(policy: HandoffPolicy, o: { contacts: number; inFlight: number; timeScale: number; databaseUrl?: string }): Promise<ImportResult> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const { fake, hub, ids } = await benchPortal(policy, o.contacts, now);
  const statements = { n: 0, ms: 0 };
  const onStatement = (ms: number) => {
    statements.n++;
    statements.ms += ms;
  };
  const embedded = o.databaseUrl ? undefined : embeddedLedgerDir();
  const ledger = await openLedger(o.databaseUrl ? { databaseUrl: o.databaseUrl, onStatement } : { dataDir: embedded!.dir, onStatement });
  if (o.databaseUrl) await ledger.eraseAll();
  const secret = 'bench-secret';
  fake.limits.configure({ ...HUBSPOT_LIMITS.professional, timeScale: o.timeScale });
  const server = await startServer({ policy, hubspot: { accessToken: 'bench', baseUrl: hub.url }, clientSecret: secret, ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now), hubspotTimeScale: o.timeScale, rateLimitPerMinute: false, policyPollMs: 60_000 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    // The account index was filled at the start (one list read); the import is what is counted.
    await new Promise((r) => setTimeout(r, 10_000 / o.timeScale));
    fake.calls.reset();
    Object.assign(statements, { n: 0, ms: 0 });
    const serverStatements = o.databaseUrl ? await databaseStatements(ledger) : undefined;
    await serverStatements?.reset();
    const url = `${server.url}/hubspot/webhooks`;
    const deliveries = Math.ceil(o.contacts / 100);
    const acks: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.inFlight }, async () => {
        while (next < deliveries) {
          const d = next++;
          const events = ids.slice(d * 100, (d + 1) * 100).map((id, k) => ({ eventId: d * 100 + k + 1, objectId: Number(id), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead', occurredAt: now }));
          const body = JSON.stringify(events);
          const sent = performance.now();
          const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(secret, 'POST', url, body, now) } });
          await res.text();
          acks.push(performance.now() - sent);
          if (res.status !== 200) throw new Error(`webhook delivery ${d} answered ${res.status}`);
        }
      }),
    );
    // HubSpot shows a contact routed when its owner, its handoff stage and its task's real id are written.
    const shown = (id: string) => {
      const p = fake.store.get('contacts', id)!.properties;
      return !!p.get('hubspot_owner_id') && p.get('handoff_stage') === 'routed' && /^\d+$/.test(p.get('handoff_task_id') ?? '');
    };
    // Checked in the order the events were sent (about the order they are routed), from the first
    // not yet shown: a look costs a few reads, not 10,000 (filtering every contact every 100 ms
    // took about 2 % of the process the benchmark measures).
    let first = 0;
    const deadline = performance.now() + 600_000;
    while (first < ids.length && performance.now() < deadline) {
      while (first < ids.length && shown(ids[first]!)) first++;
      if (first < ids.length) await new Promise((r) => setTimeout(r, 100));
    }
    const waiting = ids.slice(first).filter((id) => !shown(id));
    const seconds = (performance.now() - t0) / 1000;
    const databaseMs = await serverStatements?.ms();
    const calls = fake.calls.count();
    const share = handoffShare({ tenSecondly: policy.hubspot.tenSecondlyLimit, windowMs: 10_000, shareForOthers: policy.hubspot.shareForOtherIntegrations }).calls;
    const windowS = 10 / o.timeScale;
    const { rows } = await ledger.executeSql('select rule_id, owner_id, count(*)::int as n from assignment group by rule_id, owner_id');
    const split: Record<string, number> = {};
    const pools = new Map<string, number[]>();
    for (const r of rows as { rule_id: string | null; owner_id: string; n: number }[]) {
      split[r.owner_id] = (split[r.owner_id] ?? 0) + Number(r.n);
      pools.set(r.rule_id ?? '', [...(pools.get(r.rule_id ?? '') ?? []), Number(r.n)]);
    }
    return {
      engine: ledger.engine.name,
      timeScale: o.timeScale,
      contacts: o.contacts,
      deliveries,
      inFlight: o.inFlight,
      ackP99Ms: nearestRank(acks, 0.99),
      ackMaxMs: Math.round(Math.max(...acks)),
      secondsToAllRouted: Math.round(seconds * 10) / 10,
      routedInHubSpot: o.contacts - waiting.length,
      calls,
      callsPerLead: Math.round((calls / o.contacts) * 1000) / 1000,
      rateLimited: fake.calls.byStatus()['429'] ?? 0,
      minimumSeconds: Math.round(Math.floor(Math.max(0, calls - 1) / share) * windowS * 10) / 10,
      // The floor: 4 calls a batch of 100 at HubSpot's whole limit; the last of them can go ⌊(calls − 1) / limit⌋ windows after the first.
      floorSeconds: Math.round(Math.floor((deliveries * 4 - 1) / policy.hubspot.tenSecondlyLimit) * windowS * 10) / 10,
      split,
      fair: [...pools.values()].every((counts) => Math.max(...counts) - Math.min(...counts) <= 1),
      statementsPerLead: Math.round((statements.n / o.contacts) * 100) / 100,
      ledgerMsPerLead: Math.round((statements.ms / o.contacts) * 1000) / 1000,
      ...(databaseMs !== undefined ? { databaseMsPerLead: Math.round((databaseMs / o.contacts) * 1000) / 1000 } : {}),
      peakRssMb: Math.round(peak / 1e6),
      byRoute: fake.calls.byRoute(),
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    await ledger.close();
    await hub.close();
    embedded?.remove();
  }
}

/**
 * The server's own count of the ledger's statements (pg_stat_statements, which the server must
 * load: `shared_preload_libraries`), or undefined where it is not loaded. `ms` sums their execution
 * time in this database since `reset`, except the routing lock's statement (its time is waiting).
 */
async function databaseStatements(ledger: HandoffLedger): Promise<{ reset(): Promise<void>; ms(): Promise<number> } | undefined> {
  try {
    await ledger.executeSql('create extension if not exists pg_stat_statements');
    await ledger.executeSql('select count(*) from pg_stat_statements');
  } catch {
    return undefined;
  }
  return {
    reset: async () => void (await ledger.executeSql('select pg_stat_statements_reset()')),
    ms: async () => {
      const { rows } = await ledger.executeSql("select coalesce(sum(total_exec_time), 0) as ms from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) and query not like '%pg_advisory_xact_lock%' and query not like '%pg_stat_statements%'");
      return Number((rows[0] as { ms: number }).ms);
    },
  };
}

/**
 * The import's policy: the default, with the Republic of Ireland's territory split evenly
 * (round robin) and capacity not applied, so 10,000 Irish leads split evenly over the team's
 * three reps instead of overflowing to the Head of Sales; Leads not mirrored (the mirror adds two
 * calls a batch: the contacts' Leads read, then the new ones created).
 */
export function importPolicy(policy: HandoffPolicy): HandoffPolicy {
  const rules = policy.routing.rules.map((r) => (r.strategy === 'territory' ? { ...r, territories: r.territories.map((t) => (t.id === 'ireland' ? { ...t, strategy: 'round_robin' as const } : t)) } : r));
  return { ...policy, hubspot: { ...policy.hubspot, leads: 'off' }, routing: { ...policy.routing, availability: { ...policy.routing.availability, respectCapacity: false }, rules } };
}
