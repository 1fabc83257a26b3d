import type { HandoffPolicy } from '../src/domain/index.js';
import { routeLead } from '../src/handlers/routeLead.js';
import { handoffShare } from '../src/hubspot/callBudget.js';
import { connectPortal } from '../src/handlers/connectPortal.js';
import { fillAccountIndex } from '../src/handlers/accountIndex.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../src/hubspot/retryPolicy.js';
import { openLedger } from '../src/ledger/openLedger.js';
import type { SqlLedger } from '../src/ledger/sqlLedger.js';
import { DEMO_ACCOUNT } from '../src/fake-hubspot/crm/portalSettings.js';
import { startServer } from '../src/server/startServer.js';
import { nearestRank } from './latencyBench.js';
import { embeddedLedgerDir } from './benchLead.js';
import { burstFake } from './burstSeed.js';
import { startHubSpotSide, type HubSpotSide } from './hubspotSide.js';
import { databaseCpuMeter } from './databaseCpu.js';

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
  /** Handoff's process's processor time over the burst (user and system): its server and ledger client, PGlite's engine on the embedded ledger. HubSpot's side runs in a process of its own. */
  cpuSeconds: number;
  /** HubSpot's side's processor time over the burst (the fake answering every call, the workflows sending the actions), in its own process. */
  hubspotCpuSeconds: number;
  /** PostgreSQL's processor time over the burst (every postgres process on this machine); absent on PGlite, whose engine is a thread of Handoff's process (in `cpuSeconds`), or when the database is elsewhere. */
  databaseCpuSeconds?: number;
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
 * the fake, in HubSpot's process of the benchmark: every HubSpot call and every 429. Then the same leads are routed one by one, in the
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
  /**
   * Leads of a burst run first on a portal of its own and not measured: a server that has been
   * running has its code optimised (V8's JIT), a fresh process has not. The measured burst's
   * portal is kept beside the warm-up's in the same ledger (HANDOFF_ADD_PORTAL's way), so the
   * ledger's engine has been running too: PGlite's, a thread of the process, compiles its
   * WebAssembly as it goes (with a fresh engine the same burst took 1.50-1.87 s at 10× time, in
   * the same ledger 1.24-1.46 s: 2 AMD EPYC cores, 2026-12-06).
   */
  warmUp?: number;
}

/** The warm-up's portal: one of its own, so the measured portal starts with nothing in the ledger. */
const WARM_UP_PORTAL_ID = 24_681_358;

export async function burstBench(policy: HandoffPolicy, o: BurstOptions): Promise<BurstResult & { engine: string }> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const tuned: HandoffPolicy = { ...policy, hubspot: { ...policy.hubspot, ...(o.shareForOthers !== undefined ? { shareForOtherIntegrations: o.shareForOthers } : {}) } };
  const hubspot = await startHubSpotSide(tuned, o.warmUp ? { kind: 'burst', leads: o.warmUp, portalId: WARM_UP_PORTAL_ID } : { kind: 'burst', leads: o.leads }, now);
  const { ledger, remove } = await burstLedger(o);
  let result: Awaited<ReturnType<typeof runBurst>>;
  try {
    if (o.warmUp) {
      await runBurst(hubspot, ledger.forPortal(''), tuned, { ...o, leads: o.warmUp }, now);
      await hubspot.freshPortal({ kind: 'burst', leads: o.leads });
    }
    result = await runBurst(hubspot, ledger.forPortal(''), tuned, o, now, o.warmUp ? { addPortal: String(DEMO_ACCOUNT.portalId) } : {});
  } finally {
    await hubspot.close();
    await ledger.close();
    remove();
  }

  // The same leads, one by one, in the burst's order, on a fresh portal with the same clock.
  const b = await replayPortal(tuned, o, now);
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

/** The replay's portal, in this process: the fake seeded as HubSpot's side seeds it, and a ledger (PostgreSQL's emptied). */
async function replayPortal(tuned: HandoffPolicy, o: BurstOptions, now: number) {
  const { hub, client } = await burstFake(tuned, o.leads, now);
  const ledger = await burstLedger(o);
  return { hub, client, ledger: ledger.ledger, removeLedger: ledger.remove };
}

async function burstLedger(o: BurstOptions) {
  const embedded = o.databaseUrl ? undefined : embeddedLedgerDir();
  const ledger = await openLedger(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: embedded!.dir });
  if (o.databaseUrl) await ledger.eraseAll();
  return { ledger, remove: () => embedded?.remove() };
}

/**
 * One burst, measured, on a view of the ledger that its server scopes to the burst's portal: its
 * answers, the calls HubSpot counted, the time and this process's processor time. HubSpot's side
 * (the fake with the burst's portal, and the workflows sending the actions) runs in a process of
 * its own, as HubSpot runs on its own machines; its portal is fresh.
 */
async function runBurst(hubspot: HubSpotSide, ledger: SqlLedger, tuned: HandoffPolicy, o: BurstOptions, now: number, portal: { addPortal?: string } = {}): Promise<Omit<BurstResult, 'sameSplit'> & { order: string[]; owners: Map<string, string> }> {
  const secret = 'bench-secret';
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer({ policy: tuned, hubspot: { accessToken: 'bench', baseUrl: hubspot.url }, clientSecret: secret, ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now), hubspotTimeScale: o.timeScale, rateLimitPerMinute: false, ...portal });
    // The server filled its account index at the start (a list read of every company: about 8
    // calls here). A burst reaches a server that has been running: its window has turned since
    // (Handoff's budget counts a window 3 % longer than HubSpot's).
    await new Promise((r) => setTimeout(r, (10_000 / o.timeScale) * 1.05));
    await hubspot.limits(o.timeScale, o.hubspotLatencyMs);
    const databaseCpu = databaseCpuMeter(o.databaseUrl);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const delivered = await hubspot.deliverBurst({ serverUrl: server.url, secret, inFlight: o.inFlight });
    // Every Lead mirrored too (the callers hear once the owner, stage and task are in HubSpot).
    await server.settled();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const databaseCpuSeconds = databaseCpu?.();
    const counted = await hubspot.counted();
    const share = handoffShare({ tenSecondly: tuned.hubspot.tenSecondlyLimit, windowMs: 10_000, shareForOthers: tuned.hubspot.shareForOtherIntegrations }).calls;
    const windowS = 10 / o.timeScale;
    const minimumSeconds = Math.floor(Math.max(0, counted.calls - 1) / share) * windowS;
    const { rows } = await ledger.executeSql('select contact_id from assignment where portal_id = $1 order by id', [server.portal.id]);
    const split: Record<string, number> = {};
    for (const [, owner] of delivered.owners) split[owner] = (split[owner] ?? 0) + 1;
    return {
      leads: o.leads,
      inFlight: o.inFlight,
      timeScale: o.timeScale,
      latencyMs: o.hubspotLatencyMs ?? 0,
      share,
      hubspotLimit: tuned.hubspot.tenSecondlyLimit,
      calls: counted.calls,
      callsPerLead: Math.round((counted.calls / o.leads) * 1000) / 1000,
      rateLimited: counted.byStatus['429'] ?? 0,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      hubspotCpuSeconds: counted.cpuSeconds,
      ...(databaseCpuSeconds !== undefined ? { databaseCpuSeconds } : {}),
      minimumSeconds: Math.round(minimumSeconds * 100) / 100,
      ...(minimumSeconds > 0 ? { overMinimum: Math.round((seconds / minimumSeconds) * 100) / 100 } : {}),
      byRoute: counted.byRoute,
      searches: Object.entries(counted.byRoute).filter(([route]) => route.endsWith('/search')).reduce((n, [, c]) => n + c, 0),
      byAccount: counted.byAccount,
      split,
      errors: delivered.errors,
      answerP99Ms: nearestRank(delivered.answers, 0.99),
      answerMaxMs: Math.round(Math.max(...delivered.answers)),
      order: (rows as { contact_id: string }[]).map((r) => r.contact_id),
      owners: new Map(delivered.owners),
    };
  } finally {
    await server?.close();
  }
}
