import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot, type FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../src/fake-hubspot/http/rateLimits.js';
import { DEMO_OWNERS } from '../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { routeLead } from '../src/handlers/routeLead.js';
import { handoffShare } from '../src/hubspot/callBudget.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { connectPortal } from '../src/handlers/connectPortal.js';
import { fillAccountIndex } from '../src/handlers/accountIndex.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../src/hubspot/retryPolicy.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { signV2 } from '../src/server/signature.js';
import { nearestRank } from './latencyBench.js';
import { jsonPoster } from './postJson.js';
import { embeddedLedgerDir } from './benchLead.js';
import { startServer } from '../src/server/startServer.js';
import { DEMO_ACCOUNT } from '../src/fake-hubspot/crm/portalSettings.js';


export interface BurstResult {
  leads: number;
  inFlight: number;
  timeScale: number;
  /** How long the fake took to answer each HubSpot call (0: at once). */
  latencyMs: number;
  /** Handoff's share of the 10-second limit, and HubSpot's. */
  share: number;
  hubspotLimit: number;
  calls: number;
  callsPerLead: number;
  rateLimited: number;
  seconds: number;
  /** This process's processor time over the burst (user and system): Handoff's server and ledger client, the fake HubSpot and the sender, PGlite's engine on the embedded ledger. */
  cpuSeconds: number;
  /** The least time the limit allows for `calls` calls at Handoff's share (the last call may go after ⌊(calls−1)/share⌋ windows), in real seconds. */
  minimumSeconds: number;
  overMinimum?: number;
  byRoute: Record<string, number>;
  /** CRM searches during the burst (routing reads accounts from the ledger's index: 0). */
  searches: number;
  /** Leads routed to their account's owner by the account index (no company association). */
  byAccount: number;
  /** Owners split exactly as routing the same leads one by one in the same order. */
  sameSplit: boolean;
  split: Record<string, number>;
  errors: number;
  /** The slowest delivery's answer, and the 99th percentile (HubSpot waits 30 s for a workflow action). */
  answerP99Ms: number;
  answerMaxMs: number;
}

/**
 * A burst of qualifying leads at the "route lead" workflow action, `inFlight` deliveries at a
 * time, the fake enforcing Professional limits with time running `timeScale`× faster. Counted by
 * the fake: every HubSpot call and every 429. Then the same leads are routed one by one, in the
 * order the burst decided them, on a fresh portal: the owners must be the same, lead for lead.
 */
export interface BurstOptions {
  leads: number;
  inFlight: number;
  timeScale: number;
  shareForOthers?: number;
  /** Every HubSpot call answered this long after it arrives (HubSpot's own answers take 100 ms and more; the fake answers at once). */
  hubspotLatencyMs?: number;
  databaseUrl?: string;
  /** Leads of a burst run first on a portal of its own and not measured: a server that has been running has its code optimised (V8's JIT), a fresh process has not. */
  warmUp?: number;
}

export async function burstBench(policy: HandoffPolicy, o: BurstOptions): Promise<BurstResult & { engine: string }> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const tuned: HandoffPolicy = { ...policy, hubspot: { ...policy.hubspot, ...(o.shareForOthers !== undefined ? { shareForOtherIntegrations: o.shareForOthers } : {}) } };
  if (o.warmUp) await runBurst(tuned, { ...o, leads: o.warmUp }, now);
  const result = await runBurst(tuned, o, now);

  // The same leads, one by one, in the burst's order, on a fresh portal with the same clock.
  const b = await burstPortal(tuned, o, now);
  try {
    const crm = new HubSpotCrmGateway(b.client, { ...DEFAULT_RETRY, callLimit: false, searchLimit: false });
    const ctx = { crm, ledger: b.ledger, policy: tuned, portal: await connectPortal(crm, b.ledger), now: () => new Date(now) };
    await fillAccountIndex(ctx);
    let same = result.order.length === o.leads;
    for (const contactId of result.order) {
      const r = await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: '42' } });
      if (r.ownerId !== result.owners.get(contactId)) same = false;
    }
    const { order: _order, owners: _owners, ...rest } = result;
    return { ...rest, sameSplit: same, engine: b.ledger.engine.name };
  } finally {
    await b.ledger.close();
    await b.hub.close();
    b.removeLedger();
  }
}

/** The burst's portal: the fake with the accounts and the leads, served, set up for Handoff; a ledger (PostgreSQL's emptied). */
async function burstPortal(tuned: HandoffPolicy, o: BurstOptions, now: number) {
  const fake = createFakeHubSpot({ rateLimits: false, now: () => now });
  for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
  const hub = await serveFakeHubSpot(fake);
  const client = hubspotClient({ accessToken: 'bench', baseUrl: hub.url });
  await applyHandoffSetup(client, await planHandoffSetup(client, tuned), () => undefined);
  seedAccounts(fake);
  const ids = Array.from({ length: o.leads }, (_, n) => seedVariedLead(fake, n + 1));
  const embedded = o.databaseUrl ? undefined : embeddedLedgerDir();
  const ledger = await openLedger(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: embedded!.dir });
  if (o.databaseUrl) await ledger.eraseAll();
  return { fake, hub, client, ids, ledger, removeLedger: () => embedded?.remove() };
}

/** One burst, measured: its answers, the calls HubSpot counted, the time and this process's processor time. */
async function runBurst(tuned: HandoffPolicy, o: BurstOptions, now: number): Promise<Omit<BurstResult, 'sameSplit'> & { order: string[]; owners: Map<string, string> }> {
  const a = await burstPortal(tuned, o, now);
  const secret = 'bench-secret';
  const server = await startServer({ policy: tuned, hubspot: { accessToken: 'bench', baseUrl: a.hub.url }, clientSecret: secret, ledger: a.ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now), hubspotTimeScale: o.timeScale, rateLimitPerMinute: false });
  let result: Omit<BurstResult, 'sameSplit'> & { order: string[]; owners: Map<string, string> };
  try {
    a.fake.limits.configure({ ...HUBSPOT_LIMITS.professional, timeScale: o.timeScale });
    a.fake.calls.reset();
    if (o.hubspotLatencyMs) a.fake.faults.inject({ kind: 'slow', rate: 1, delayMs: o.hubspotLatencyMs });
    const url = `${server.url}/hubspot/actions/route-lead`;
    const owners = new Map<string, string>();
    let next = 0;
    let errors = 0;
    const answers: number[] = [];
    const sender = jsonPoster(o.inFlight);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.inFlight }, async () => {
        while (next < a.ids.length) {
          const i = next++;
          const body = JSON.stringify({ callbackId: `burst-${i}`, origin: { portalId: DEMO_ACCOUNT.portalId }, context: { workflowId: 42 }, object: { objectId: a.ids[i], objectType: 'CONTACT' }, inputFields: {} });
          const sent = performance.now();
          const res = await sender.post(url, body, { 'content-type': 'application/json', 'x-hubspot-signature': signV2(secret, 'POST', url, body), 'x-hubspot-signature-version': 'v2' });
          const json = res.json as { outputFields?: { owner_id?: string; hs_execution_state?: string } };
          answers.push(performance.now() - sent);
          if (res.status !== 200 || json.outputFields?.hs_execution_state !== 'SUCCESS') errors++;
          else owners.set(a.ids[i]!, json.outputFields.owner_id ?? '');
        }
      }),
    );
    // Every Lead mirrored too (the callers hear once the owner, stage and task are in HubSpot).
    await server.settled();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    sender.close();
    const calls = a.fake.calls.count();
    const share = handoffShare({ tenSecondly: tuned.hubspot.tenSecondlyLimit, windowMs: 10_000, shareForOthers: tuned.hubspot.shareForOtherIntegrations }).calls;
    const windowS = 10 / o.timeScale;
    const minimumSeconds = Math.floor(Math.max(0, calls - 1) / share) * windowS;
    const { rows } = await a.ledger.executeSql('select contact_id from assignment order by id');
    const split: Record<string, number> = {};
    for (const owner of owners.values()) split[owner] = (split[owner] ?? 0) + 1;
    result = {
      leads: o.leads,
      inFlight: o.inFlight,
      timeScale: o.timeScale,
      latencyMs: o.hubspotLatencyMs ?? 0,
      share,
      hubspotLimit: tuned.hubspot.tenSecondlyLimit,
      calls,
      callsPerLead: Math.round((calls / o.leads) * 1000) / 1000,
      rateLimited: a.fake.calls.byStatus()['429'] ?? 0,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      minimumSeconds: Math.round(minimumSeconds * 100) / 100,
      ...(minimumSeconds > 0 ? { overMinimum: Math.round((seconds / minimumSeconds) * 100) / 100 } : {}),
      byRoute: a.fake.calls.byRoute(),
      searches: Object.entries(a.fake.calls.byRoute()).filter(([route]) => route.endsWith('/search')).reduce((n, [, c]) => n + c, 0),
      byAccount: a.ids.filter((id) => a.fake.store.get('contacts', id)!.properties.get('handoff_routing_rule') === 'existing-account').length,
      split,
      errors,
      answerP99Ms: nearestRank(answers, 0.99),
      answerMaxMs: Math.round(Math.max(...answers)),
      order: (rows as { contact_id: string }[]).map((r) => r.contact_id),
      owners,
    };
  } finally {
    await server.close();
    await a.ledger.close();
    await a.hub.close();
    a.removeLedger();
  }

  return result;
}

const PLACES = [
  ['Ireland', 'Cork'],
  ['Ireland', 'Dublin'],
  ['Ireland', 'Galway'],
  ['United Kingdom', 'Northern Ireland'],
  ['United Kingdom', 'England'],
  ['United Kingdom', 'Scotland'],
] as const;
const SIZES = ['15', '120', '900'];
const ASKS = ['Book a demo', 'Contact sales', 'Pricing page', 'Webinar'];

/** The sales pool's existing accounts: owned companies at their own domains, in the account index before the burst. */
const ACCOUNT_OWNERS = ['102', '103', '104', '201', '202', '203'];
const ACCOUNTS = 24;
function seedAccounts(fake: FakeHubSpot): void {
  for (let k = 0; k < ACCOUNTS; k++) {
    const check = fake.store.checkWrite('companies', { name: `Account ${k} Ltd`, domain: `account${k}.ie`, numberofemployees: '120', country: 'Ireland', hubspot_owner_id: ACCOUNT_OWNERS[k % ACCOUNT_OWNERS.length]! });
    if (!check.ok) throw new Error(`bad account seed: ${JSON.stringify(check)}`);
    fake.store.create('companies', check.values, { sourceType: 'IMPORT' });
  }
}

/**
 * A qualifying lead that varies where it is, how big its company is and what it asked for, so every
 * routing rule gets its share. One in four is associated with no company and writes from a
 * subdomain of an existing account: lead-to-account matching finds it in the index.
 */
function seedVariedLead(fake: FakeHubSpot, n: number): string {
  const [country, state] = PLACES[n % PLACES.length]!;
  if (n % 4 === 0) {
    const lead = fake.store.checkWrite('contacts', { email: `lead${n}@sales.account${n % ACCOUNTS}.ie`, firstname: 'Lead', lastname: String(n), jobtitle: 'CFO', country, state, recent_conversion_event_name: ASKS[n % ASKS.length]!, recent_conversion_date: '2026-11-24T10:00:00Z', hubspotscore: '60' });
    if (!lead.ok) throw new Error(`bad burst seed: ${JSON.stringify(lead)}`);
    return fake.store.create('contacts', lead.values, { sourceType: 'IMPORT' }).id;
  }
  const check = fake.store.checkWrite('contacts', { email: `lead${n}@harbour${n}.ie`, firstname: 'Lead', lastname: String(n), jobtitle: 'CFO', country, state, recent_conversion_event_name: ASKS[Math.floor(n / PLACES.length) % ASKS.length]!, recent_conversion_date: '2026-11-24T10:00:00Z', hubspotscore: '60' });
  const company = fake.store.checkWrite('companies', { name: `Harbour ${n}`, numberofemployees: SIZES[Math.floor(n / 24) % SIZES.length]!, country });
  if (!check.ok || !company.ok) throw new Error(`bad burst seed: ${JSON.stringify(check.ok ? company : check)}`);
  const c = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
  const co = fake.store.create('companies', company.values, { sourceType: 'IMPORT' });
  fake.store.associate('contacts', c.id, 'companies', co.id, 1);
  return c.id;
}
