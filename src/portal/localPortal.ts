import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { HandoffPolicy } from '../domain/index.js';
import { createFakeHubSpot } from '../fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../fake-hubspot/http/rateLimits.js';
import { PortalDatabase } from '../fake-hubspot/persist/portalDatabase.js';
import { seedDemoPortal } from '../fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot } from '../fake-hubspot/serve.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { connectPortal } from '../handlers/connectPortal.js';
import { fillAccountIndex } from '../handlers/accountIndex.js';
import { installPortal } from '../handlers/adoptPortal.js';
import type { PortalAccount } from '../fake-hubspot/crm/portalSettings.js';
import { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../hubspot/retryPolicy.js';
import { hubspotClient } from '../hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../hubspot/setup.js';
import { openLedger } from '../ledger/openLedger.js';
import { handlerContextOf, startHandoffHost } from '../server/handoffHost.js';
import { playDemoHistory, type HandoffTruth } from './demoHistory.js';
import { SimulatedClock } from './simulatedClock.js';
import { SlaScheduler } from './slaScheduler.js';
import { bundleWorkbench } from './workbenchBundle.js';
import { workbenchRoutes } from './workbenchRoutes.js';
import { LivePolicy } from '../handlers/agreement/livePolicy.js';
import { proposePolicy } from '../handlers/agreement/proposePolicy.js';

/** The demo's "now" when the portal is first seeded: Wednesday 25 November 2026, 09:30 in Dublin. */
export const DEMO_START = Date.parse('2026-11-25T09:30:00Z');
const DAY = 86_400_000;
/** How far the local portal's search trails writes (HubSpot: "a few moments"). */
export const PORTAL_SEARCH_LAG_MS = 2_000;

export interface LocalPortalOptions {
  root: string;
  policy: HandoffPolicy;
  /** Where the database lives (git-ignored). */
  dataDir: string;
  port: number;
  hostname?: string;
  /** A PostgreSQL database for the ledger instead of PGlite in the data directory. */
  ledgerUrl?: string;
  /** The policy file's text and name (the ledger keeps the text of the version it activates). */
  policyFile?: { source: string; name: string };
  /** A proposed next version (its text and file name): proposed in the ledger on start, unless it already was, for the demo's approvers. */
  proposed?: { source: string; name: string };
  /** Throw the stored portal away and seed a new one. */
  reset?: boolean;
  seed?: number;
  contacts?: number;
  /** Who the stand-in portal is (id, type, currency, time zone); the Irish demo portal where unset. */
  account?: Partial<PortalAccount>;
  log?: (line: string) => void;
}

export interface LocalPortal {
  url: string;
  hubspotUrl: string;
  seeded: boolean;
  truth: HandoffTruth[];
  clock: SimulatedClock;
  close(): Promise<void>;
}

/**
 * A new demo portal's contacts: two thousand leads over 200 days (more than two quarters), so the
 * policy page's evidence has enough decided MQLs to judge each criterion.
 */
export const DEMO_CONTACTS = 2000;

/** The local portal's HubSpot token (the fake accepts it): what `handoff audit` needs to read it. */
export const LOCAL_PORTAL_TOKEN = 'local-portal-token';
const ACCESS_TOKEN = LOCAL_PORTAL_TOKEN;
/** The local portal's app client secret: what `handoff propose --server` signs with (HUBSPOT_CLIENT_SECRET). */
export const LOCAL_PORTAL_CLIENT_SECRET = 'local-portal-client-secret';
const CLIENT_SECRET = LOCAL_PORTAL_CLIENT_SECRET;

/**
 * `npm start`: the fake HubSpot kept in a SQLite file, seeded on first run with demo data and a
 * history played through Handoff's own handlers; the Handoff server and handlers against it; and
 * the workbench, where the real cards and home page run in a browser. One process, loopback only.
 */
export async function startLocalPortal(o: LocalPortalOptions): Promise<LocalPortal> {
  // What is open so far, closed in reverse if starting fails half-way (nothing keeps the process alive).
  const opened: (() => unknown)[] = [];
  try {
    return await start(o, opened);
  } catch (e) {
    for (const close of opened.reverse()) await Promise.resolve(close()).catch(() => undefined);
    throw e;
  }
}

async function start(o: LocalPortalOptions, opened: (() => unknown)[]): Promise<LocalPortal> {
  const log = o.log ?? (() => undefined);
  const file = resolve(o.dataDir, 'portal.sqlite');
  const ledgerDir = resolve(o.dataDir, 'ledger');
  if (o.reset) rmSync(file, { force: true });

  let clock = new SimulatedClock(DEMO_START);
  const fake = createFakeHubSpot({ now: () => clock.nowMs(), rateLimits: false, accessToken: ACCESS_TOKEN, ...(o.account ? { account: o.account } : {}) });
  const { database, fresh } = await PortalDatabase.open(file, fake.store);
  opened.push(() => database.close());
  // Handoff's own ledger (PGlite in the data directory); a freshly seeded portal starts a fresh one.
  if (fresh) rmSync(ledgerDir, { recursive: true, force: true });
  const ledger = await openLedger(o.ledgerUrl ? { databaseUrl: o.ledgerUrl } : { dataDir: ledgerDir });
  opened.push(() => ledger.close());
  const hub = await serveFakeHubSpot(fake);
  opened.push(() => hub.close());
  const client = hubspotClient({ accessToken: ACCESS_TOKEN, baseUrl: hub.url });
  const crm = new HubSpotCrmGateway(client);
  const portal = await connectPortal(crm, ledger);
  // The policy it runs: the ledger's active version, followed as approvers activate another or managers set availability.
  const live = await LivePolicy.open({ ledger, now: () => clock.now(), file: { policy: o.policy, source: o.policyFile?.source, name: o.policyFile?.name ?? 'handoff.policy.yaml' }, log: (e) => (e.level === 'warn' ? log(`Policy: ${String(e.why)}`) : undefined) });
  live.follow(1_000);
  opened.push(() => live.stop());
  const hostOf = { crm, ledger, portal, policy: () => live.policy, policyChanged: () => live.refresh(), now: () => clock.now() };
  // What the seeding's handlers see (the host, with its workers, starts once the portal is seeded).
  const context = handlerContextOf(hostOf);

  // Every start brings the portal's properties up to this version of Handoff (a no-op when they are),
  // so a portal saved by an older version gains what it lacks (e.g. handoff_claim).
  await applyHandoffSetup(client, await planHandoffSetup(client, o.policy), () => undefined);
  let truth: HandoffTruth[];
  if (fresh) {
    const t0 = performance.now();
    const seed = o.seed ?? 2026;
    database.hold();
    const contacts = o.contacts ?? DEMO_CONTACTS;
    const leads = seedDemoPortal(fake.store, { seed, now: DEMO_START, contacts, companies: 40, days: 200, lifecycle: false });
    // Handoff's account index, read from the seeded portal's company list before the history is played
    // (nothing is open in HubSpot yet, so nothing is adopted).
    await fillAccountIndex({ crm, ledger });
    await ledger.markAdopted(0);
    const seedingCrm = new HubSpotCrmGateway(client, { ...DEFAULT_RETRY, searchLimit: false, callLimit: false });
    const oldest = Math.min(...leads.truth.map((t) => t.createdAt));
    clock = new SimulatedClock(oldest);
    log(`Seeding a demo portal: ${contacts} contacts; their history is played through Handoff's handlers (a few minutes for the default ${DEMO_CONTACTS}, once).`);
    truth = await playDemoHistory(leads.truth, {
      seed,
      onProgress: (played, of) => log(`  history: ${played} of ${of} leads played (${Math.round((performance.now() - t0) / 1000)} s)`),
      now: DEMO_START,
      store: fake.store,
      policy: o.policy,
      // The past is played with HubSpot's limits off (as an import would be), so searches need no pacing.
      contextAt: (at) => {
        if (at > clock.nowMs()) clock.setTo(at);
        return { ...context(), crm: seedingCrm };
      },
    });
    clock = new SimulatedClock(Math.max(DEMO_START, clock.nowMs()));
    database.setMeta('truth', JSON.stringify(truth));
    database.setMeta('clock', String(clock.nowMs()));
    database.saveAll();
    log(`Seeded a demo portal in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${contacts} contacts, 40 companies, ${fake.store.count('deals')} deals, ${truth.filter((t) => t.routed).length} handoffs over the last ${Math.round((DEMO_START - oldest) / DAY)} days.`);
  } else {
    truth = JSON.parse(database.meta('truth') ?? '[]') as HandoffTruth[];
    clock = new SimulatedClock(Number(database.meta('clock') ?? DEMO_START));
    // A ledger from before the account index and adoption: both done once.
    await installPortal({ crm, ledger });
    log(`Opened the demo portal in ${file} (simulated time ${clock.now().toISOString()}).`);
  }
  // From here on HubSpot's limits apply, as for a Professional portal's private app, and search
  // trails writes by a couple of seconds, as HubSpot's eventually consistent search does.
  fake.limits.configure(HUBSPOT_LIMITS.professional);
  fake.searchLag.set(PORTAL_SEARCH_LAG_MS);

  // The SLA timers and webhook events run as the server's do: jobs in the durable queue, due on the
  // simulated clock; what HubSpot could not be told at once is retried from the ledger's outbox.
  const heard: { scheduler?: SlaScheduler } = {};
  const host = await startHandoffHost({
    ...hostOf,
    clientSecret: CLIENT_SECRET,
    wallMs: () => Date.now(),
    publicUrl: '',
    pollMs: 1_000,
    blocked: false,
    onSlaCheck: (r) => heard.scheduler?.hear(r),
    onBackgroundError: (e) => log(`background work failed: ${e instanceof Error ? e.message : String(e)}`),
  });
  opened.push(() => host.stop());
  const scheduler = (heard.scheduler = new SlaScheduler(host.context).attach(host.background));
  await scheduler.sweep();

  const app = new Hono();
  const port = o.port;
  const hostname = o.hostname ?? '127.0.0.1';
  if (o.proposed) await proposeOnce(host.context(), o.proposed, log);
  const handoffServer = host.app;
  const root = o.root;
  const html = readFileSync(resolve(root, 'src/portal/workbench/index.html'), 'utf8');
  const css = readFileSync(resolve(root, 'src/portal/workbench/workbench.css'), 'utf8');
  let clockSaved = 0;
  const changed = () => {
    if (clock.nowMs() !== clockSaved) database.setMeta('clock', String((clockSaved = clock.nowMs())));
  };
  const running = await new Promise<{ url: string; close: () => Promise<void> }>((done) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      done({ url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`, close: () => new Promise<void>((ok, fail) => server.close((e) => (e ? fail(e) : ok()))) });
    });
  });
  opened.push(() => running.close());
  // The workbench page is bundled once, with the real card sources, pointing the cards at this server.
  const bundle = bundleWorkbench(root, running.url).then((b) => b.js);
  app.route(
    '/',
    workbenchRoutes({
      store: fake.store,
      policy: o.policy,
      clock,
      scheduler,
      context: host.context,
      server: { fetch: (req) => handoffServer.fetch(req) },
      clientSecret: CLIENT_SECRET,
      serverUrl: running.url,
      // The portal's own zone and currency (account-info), as HubSpot's screens show them.
      timeZone: portal.timeZone,
      currency: portal.currency,
      html,
      css,
      bundle: () => bundle,
      changed,
      truth: () => truth,
    }),
  );
  // Workflow actions and webhooks reach the same server (signed, as from HubSpot).
  app.all('*', (c) => handoffServer.fetch(c.req.raw));
  await bundle;

  return {
    url: running.url,
    hubspotUrl: hub.url,
    seeded: fresh,
    truth,
    clock,
    close: async () => {
      await running.close();
      await host.stop();
      live.stop();
      await hub.close();
      changed();
      database.close();
      await ledger.close();
    },
  };
}

/** The demo's proposal, made once (as marketing ops would with `handoff propose`): a version already proposed, or active, is left alone. */
async function proposeOnce(ctx: HandlerContext, proposed: { source: string; name: string }, log: (line: string) => void): Promise<void> {
  const version = /^version:\s*"?([^"\s]+)"?/m.exec(proposed.source)?.[1];
  const known = [...(await ctx.ledger.agreement.proposals(100)).map((p) => p.version), ...(await ctx.ledger.agreement.activations(100)).map((a) => a.version)];
  if (version !== undefined && known.includes(version)) return;
  try {
    const made = await proposePolicy(ctx, { source: proposed.source, fileName: proposed.name, proposedBy: 'Marketing ops (the demo\'s proposal)' });
    log(`Proposed ${proposed.name} (version ${made.version}) for ${made.approvers.map((a) => a.name).join(' and ')} to approve on the policy page.`);
  } catch (e) {
    log(`${proposed.name} was not proposed: ${(e as Error).message}`);
  }
}
