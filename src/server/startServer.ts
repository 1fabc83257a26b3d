import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { HandoffPolicy, Portal } from '../domain/index.js';
import { LivePolicy } from '../handlers/agreement/livePolicy.js';
import { connectPortal } from '../handlers/connectPortal.js';
import { installPortal } from '../handlers/adoptPortal.js';
import { budgetFor, callLimitsOf, handoffShare } from '../hubspot/callBudget.js';
import { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY, INVOCATION_BUDGET_MS } from '../hubspot/retryPolicy.js';
import type { HandoffLedger } from '../ledger/ledger.js';
import { hubspotClient, type HubSpotConnection } from '../hubspot/hubspotClient.js';
import type { WorkQueueOptions } from '../queue/workQueue.js';
import { startHandoffHost } from './handoffHost.js';

export interface ServerConfig {
  /** The policy file the server starts with: it runs unless the ledger's active version was approved in HubSpot (policyAtStart). */
  policy: HandoffPolicy;
  /** The file's text and name, kept by the ledger when the file's version becomes active. */
  policyFile?: { source: string; name: string };
  /** How often the server looks for a newly activated version or availability change (ms); default 1000. */
  policyPollMs?: number;
  hubspot: HubSpotConnection;
  clientSecret: string;
  /** Handoff's ledger (PostgreSQL, or PGlite when no database is configured), already migrated. */
  ledger: HandoffLedger;
  port: number;
  hostname?: string;
  publicUrl?: string;
  /** The clock handlers read (the local portal's simulated one; the wall clock otherwise). */
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Benchmarks only: HubSpot's windows run this many times faster (the fake's time-scaled limits). */
  hubspotTimeScale?: number;
  /** How long "route lead" deliveries are gathered into one batch (ms). */
  routeGatherMs?: number;
  /** Requests a minute per client on the public routes (false: none; a load test from one address). */
  rateLimitPerMinute?: number | false;
  /** The work queue's timings (how soon a dead worker's jobs are taken over, retry delays). */
  queue?: WorkQueueOptions;
  /** A portal id (HANDOFF_ADD_PORTAL): when the token belongs to it, its handoffs are kept beside the other portals a shared ledger serves. */
  addPortal?: string;
}

export interface RunningServer {
  url: string;
  /** The version it runs, and why that one (the file's, or the ledger's active version). */
  policy: { version: string; why: string };
  /** The portal the token belongs to, which the ledger is scoped to. */
  portal: Portal;
  /** Resolves once the work begun for deliveries already answered (a routing batch's Leads' mirror) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the Handoff server: one api-client, the ledger, the policy, the handlers, and the outbox
 * worker that retries what HubSpot has not been told yet. Any number of instances may share one
 * PostgreSQL database; nothing else is kept in memory between requests.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // One call budget for the portal: every handler, the outbox and the queue's workers spend from it (shared by instances on PostgreSQL).
  const scale = config.hubspotTimeScale ?? 1;
  const policyLimits = callLimitsOf(config.policy.hubspot);
  const limits = { ...policyLimits, windowMs: policyLimits.windowMs / scale, search: { ...policyLimits.search, windowMs: policyLimits.search.windowMs / scale } };
  const crm = new HubSpotCrmGateway(hubspotClient(config.hubspot), { ...DEFAULT_RETRY, callLimit: handoffShare(limits), searchLimit: limits.search }, budgetFor(config.ledger.engine, config.ledger, limits));
  const now = config.now ?? (() => new Date());
  // Who the token's portal is, and the ledger scoped to it: a ledger of another portal stops the start here, naming both.
  const portal = await connectPortal(crm.forInvocation(INVOCATION_BUDGET_MS.workflow), config.ledger, config.addPortal ? { addPortal: config.addPortal } : {});
  // HubSpot's daily limit resets at the portal's midnight.
  crm.timeZone = portal.timeZone;
  // Once per portal: the account index filled from HubSpot's company list (routing never searches),
  // and the handoffs already open in HubSpot adopted, so routing counts them from the first lead.
  const installed = await installPortal({ crm, ledger: config.ledger });
  if (installed.index) config.log?.({ level: 'info', event: 'account_index_filled', companies: installed.index.companies, pages: installed.index.pages });
  if (installed.adoption) config.log?.({ level: 'info', event: 'open_handoffs_adopted', found: installed.adoption.found, adopted: installed.adoption.adopted });
  // The policy it runs: the ledger's active version (or the file's, on a first start or a deploy), followed as it changes.
  const live = await LivePolicy.open({ ledger: config.ledger, now, file: { policy: config.policy, source: config.policyFile?.source, name: config.policyFile?.name ?? 'the policy given to the server' }, ...(config.log ? { log: config.log } : {}) });
  live.follow(config.policyPollMs ?? 1_000);
  const host = await startHandoffHost({
    crm,
    ledger: config.ledger,
    portal,
    policy: () => live.policy,
    policyChanged: () => live.refresh(),
    now,
    clientSecret: config.clientSecret,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.log ? { log: config.log } : {}),
    ...(config.queue ? { queue: config.queue } : {}),
    ...(config.routeGatherMs !== undefined ? { routeGatherMs: config.routeGatherMs } : {}),
    ...(config.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: config.rateLimitPerMinute } : {}),
  });
  const hostname = config.hostname ?? '0.0.0.0';
  return new Promise((resolve) => {
    const server = serve({ fetch: host.app.fetch, port: config.port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`,
        portal,
        policy: { version: live.active.version, why: live.atStart.why },
        settled: () => host.settled(),
        close: async () => {
          await new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done())));
          live.stop();
          await host.stop();
        },
      });
    });
  });
}
