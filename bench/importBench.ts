import type { HandoffPolicy } from '../src/domain/index.js';
import type { HandoffLedger } from '../src/ledger/ledger.js';
import { handoffShare } from '../src/hubspot/callBudget.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { startServer } from '../src/server/startServer.js';
import { embeddedLedgerDir } from './benchLead.js';
import { startHubSpotSide } from './hubspotSide.js';
import { nearestRank } from './latencyBench.js';
import { heapKeptMb } from './heapKept.js';

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
  /** The main thread's JavaScript heap after a full collection, before the first delivery and once every contact showed routed (MB). */
  heapKeptMb: { before: number; after: number };
  byRoute: Record<string, number>;
}

/**
 * A list import: `contacts` contacts made MQLs, announced by signed webhook deliveries of 100
 * events (`inFlight` at a time), with HubSpot's Professional limits enforced by the fake and time
 * running `timeScale`× faster. HubSpot's side (the fake and the sender) runs in a process of its
 * own, as HubSpot does on its own machines: what is timed and sampled here is Handoff's. The clock
 * stops when HubSpot shows every contact routed (owner, stage, task id), read from the fake's own
 * store. Every ledger statement is counted and timed (Kysely's query log), and on PostgreSQL their
 * execution time as the server counts it (pg_stat_statements, if loaded); RSS is sampled every
 * 50 ms (Handoff's process: its server, its ledger, PGlite's included). PGlite keeps its data in a directory on disk, as `npm start` and
 * `handoff serve --embedded-ledger` do (its in-memory file system copies a growing file whole).
 */
export async function importBench(policy: HandoffPolicy, o: { contacts: number; inFlight: number; timeScale: number; databaseUrl?: string }): Promise<ImportResult> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const hubspot = await startHubSpotSide(policy, { kind: 'import', contacts: o.contacts }, now);
  const statements = { n: 0, ms: 0 };
  const onStatement = (ms: number) => {
    statements.n++;
    statements.ms += ms;
  };
  const embedded = o.databaseUrl ? undefined : embeddedLedgerDir();
  const ledger = await openLedger(o.databaseUrl ? { databaseUrl: o.databaseUrl, onStatement } : { dataDir: embedded!.dir, onStatement });
  if (o.databaseUrl) await ledger.eraseAll();
  const secret = 'bench-secret';
  await hubspot.limits(o.timeScale);
  const server = await startServer({ policy, hubspot: { accessToken: 'bench', baseUrl: hubspot.url }, clientSecret: secret, ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now), hubspotTimeScale: o.timeScale, rateLimitPerMinute: false, policyPollMs: 60_000 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    // The account index was filled at the start (one list read); the import is what is counted.
    await new Promise((r) => setTimeout(r, 10_000 / o.timeScale));
    Object.assign(statements, { n: 0, ms: 0 });
    const serverStatements = o.databaseUrl ? await databaseStatements(ledger) : undefined;
    await serverStatements?.reset();
    const heapBefore = heapKeptMb();
    const delivered = await hubspot.deliverImport({ serverUrl: server.url, secret, inFlight: o.inFlight, now });
    const heapKept = { before: heapBefore, after: heapKeptMb() };
    const databaseMs = await serverStatements?.ms();
    const deliveries = Math.ceil(o.contacts / 100);
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
      ackP99Ms: nearestRank(delivered.acks, 0.99),
      ackMaxMs: Math.round(Math.max(...delivered.acks)),
      secondsToAllRouted: Math.round(delivered.seconds * 10) / 10,
      routedInHubSpot: o.contacts - delivered.waiting,
      calls: delivered.calls,
      callsPerLead: Math.round((delivered.calls / o.contacts) * 1000) / 1000,
      rateLimited: delivered.byStatus['429'] ?? 0,
      minimumSeconds: Math.round(Math.floor(Math.max(0, delivered.calls - 1) / share) * windowS * 10) / 10,
      // The floor: 4 calls a batch of 100 at HubSpot's whole limit; the last of them can go ⌊(calls − 1) / limit⌋ windows after the first.
      floorSeconds: Math.round(Math.floor((deliveries * 4 - 1) / policy.hubspot.tenSecondlyLimit) * windowS * 10) / 10,
      split,
      fair: [...pools.values()].every((counts) => Math.max(...counts) - Math.min(...counts) <= 1),
      statementsPerLead: Math.round((statements.n / o.contacts) * 100) / 100,
      ledgerMsPerLead: Math.round((statements.ms / o.contacts) * 1000) / 1000,
      ...(databaseMs !== undefined ? { databaseMsPerLead: Math.round((databaseMs / o.contacts) * 1000) / 1000 } : {}),
      peakRssMb: Math.round(peak / 1e6),
      heapKeptMb: heapKept,
      byRoute: delivered.byRoute,
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    await ledger.close();
    await hubspot.close();
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
