import type { HandoffPolicy, Portal } from '../domain/index.js';
import type { CheckSlaResult } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { startOutboxWorker } from '../handlers/write/outboxDelivery.js';
import { startLedgerUpkeep } from '../ledger/ledgerUpkeep.js';
import type { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';
import { INVOCATION_BUDGET_MS } from '../hubspot/retryPolicy.js';
import type { HandoffLedger } from '../ledger/ledger.js';
import { startBackgroundWork, type BackgroundWork } from '../queue/backgroundWork.js';
import type { WorkQueueOptions } from '../queue/workQueue.js';
import { BlockedActions, type BlockedActionsOptions } from './blockedActions.js';
import { createServerApp, type ServerOptions } from './serverApp.js';
import { RouteBatcher } from './routeBatcher.js';
import { routeLeads } from '../handlers/routeLeads.js';

/** What every host (the server, the local portal, the soak, the tests) brings: the portal it serves and how. */
export interface HostOptions {
  /** The portal's HubSpot gateway: its retries and its share of HubSpot's limits are the host's to choose. */
  crm: HubSpotCrmGateway;
  /** Handoff's ledger, migrated, scoped to the portal. */
  ledger: HandoffLedger;
  portal: Portal;
  /** The policy in force now (the ledger's active version, followed), read for each request and job. */
  policy: () => HandoffPolicy;
  /** Tells the host the agreement changed (a version activated, availability set). */
  policyChanged?: () => Promise<void>;
  /** The handlers' clock (the local portal's is simulated). */
  now: () => Date;
  /** Wall-clock ms, for the signature window. */
  wallMs?: () => number;
  clientSecret: string;
  publicUrl?: string;
  log?: (entry: Record<string, unknown>) => void;
  /** The work queue's timings, and how often its workers and the SLA timers look (ms). */
  queue?: WorkQueueOptions;
  pollMs?: number;
  /** How often the outbox worker retries what HubSpot has not been told yet (ms); default 2000. */
  outboxPollMs?: number;
  onSlaCheck?: (result: CheckSlaResult) => void;
  /** A background job that failed (default: logged as background_work_failed). */
  onBackgroundError?: (e: unknown) => void;
  /** "Route lead" and "check SLA" not answerable in time are answered BLOCK and completed by callback (false: they answer 429/503). */
  blocked?: false | Partial<Omit<BlockedActionsOptions, 'queue' | 'deps' | 'context' | 'crm'>>;
  /** How long "route lead" deliveries are gathered into one batch (ms); 0 routes each alone. Default 20. */
  routeGatherMs?: number;
  rateLimitPerMinute?: number | false;
  blockAfterMs?: number;
  /** What requests' handlers see instead of the host's own context (the soak's recording, a drill's faulty ledger). */
  requestContext?: (context: HandlerContext) => HandlerContext;
}

export interface HandoffHost {
  /** A handler context allowed `budgetMs` on HubSpot (no budget: the gateway as it is, for the local portal's own screens). */
  context(budgetMs?: number): HandlerContext;
  /** The server's routes: workflow actions, cards, webhooks. */
  app: ReturnType<typeof createServerApp>;
  background: BackgroundWork;
  blocked?: BlockedActions;
  /** Resolves once the work begun for deliveries already answered (a routing batch's Leads' mirror) has finished. */
  settled(): Promise<void>;
  /** Stops the workers (the caller closes what it opened: its HTTP server, the ledger). */
  stop(): Promise<void>;
}

/** What the handlers see on this host, allowed `budgetMs` on HubSpot (none: the gateway as it is). */
export function handlerContextOf(o: Pick<HostOptions, 'crm' | 'ledger' | 'portal' | 'policy' | 'policyChanged' | 'now'>, jobs?: HandlerContext['jobs']): (budgetMs?: number) => HandlerContext {
  return (budgetMs) => ({
    crm: budgetMs ? o.crm.forInvocation(budgetMs) : o.crm,
    ledger: o.ledger,
    policy: o.policy(),
    ...(o.policyChanged ? { policyChanged: o.policyChanged } : {}),
    portal: o.portal,
    now: o.now,
    ...(jobs ? { jobs } : {}),
    hubspotParkedUntil: () => o.crm.budget.parkedUntil,
  });
}

/**
 * The one place a host is wired: the handlers' context, the outbox worker that retries what HubSpot
 * was not told, the durable queue's workers (webhook events, SLA timers, blocked actions) and the
 * server's routes. The server, the local portal, the soak and the tests all start their Handoff here.
 */
export async function startHandoffHost(o: HostOptions): Promise<HandoffHost> {
  const workflow = INVOCATION_BUDGET_MS.workflow;
  const work: { background?: BackgroundWork } = {};
  const context = handlerContextOf(o, { parked: async (limit: number) => (work.background ? work.background.queue.parkedView(limit) : []) });
  const forRequest = o.requestContext ?? ((c: HandlerContext) => c);
  // While HubSpot's daily limit is reached, the workers take nothing: their jobs wait for the portal's midnight without spending their tries.
  const paused = () => o.crm.budget.parkedUntil !== undefined;
  const outbox = startOutboxWorker(o.ledger, () => o.crm.forInvocation(workflow), o.outboxPollMs);
  const onError = o.onBackgroundError ?? (o.log ? (e: unknown) => o.log!({ level: 'error', event: 'background_work_failed', message: e instanceof Error ? e.message : String(e) }) : undefined);
  const upkeep = startLedgerUpkeep(o.ledger, onError ? { onError } : {});
  const background = (work.background = await startBackgroundWork({
    ledger: o.ledger,
    context: () => context(workflow),
    now: o.now,
    paused,
    ...(o.queue ? { queue: o.queue } : {}),
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
    ...(o.onSlaCheck ? { onSlaCheck: o.onSlaCheck } : {}),
    ...(onError ? { onError } : {}),
  }));
  const made: { blocked?: BlockedActions } = {};
  const blockedOption: Partial<ServerOptions> =
    o.blocked === false ? {} : { blocked: (deps) => (made.blocked = new BlockedActions({ queue: background.queue, context: () => forRequest(context(workflow)), crm: () => o.crm.forInvocation(workflow), deps, paused, ...(o.log ? { log: o.log } : {}), ...o.blocked })) };
  // "Route lead" deliveries arriving together are routed as one batch; a batch's Leads are still
  // being mirrored after its callers are answered, and stopping waits for that.
  const batcher = (o.routeGatherMs ?? 20) > 0 ? new RouteBatcher(() => forRequest(context(workflow)), o.routeGatherMs ?? 20, 100, routeLeads, onError ?? (() => undefined)) : undefined;
  const app = createServerApp({
    context: (budgetMs) => forRequest(context(budgetMs)),
    acceptWebhook: (events, at) => background.acceptWebhook(events, at),
    portal: o.portal,
    clientSecret: o.clientSecret,
    now: o.wallMs ?? (() => o.now().getTime()),
    ...blockedOption,
    ...(batcher ? { routeBatcher: batcher } : {}),
    ...(o.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: o.rateLimitPerMinute } : {}),
    ...(o.blockAfterMs !== undefined ? { blockAfterMs: o.blockAfterMs } : {}),
    ...(o.publicUrl !== undefined ? { publicUrl: o.publicUrl } : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  return {
    context,
    app,
    background,
    ...made,
    settled: () => batcher?.settled() ?? Promise.resolve(),
    stop: async () => {
      await batcher?.settled();
      await made.blocked?.stop();
      await outbox.stop();
      await background.stop();
      await upkeep.stop();
    },
  };
}
