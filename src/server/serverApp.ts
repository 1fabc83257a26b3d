import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isThisPortal, portalName, type Portal } from '../domain/index.js';
import { getDealOrigin } from '../handlers/getDealOrigin.js';
import { getHandoffState } from '../handlers/getHandoffState.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { HandlerError, parseInput, toHandlerError } from '../handlers/handlerError.js';
import { recordOutcome } from '../handlers/recordOutcome.js';
import { verifyHubSpotSignature } from './signature.js';
import { readRequestBody } from './requestBody.js';
import { WORKFLOW_ACTIONS, WorkflowActionRequest, type ActionDeps } from './workflowActions.js';
import type { RouteBatcher } from './routeBatcher.js';
import { BLOCKED_ANSWER, type BlockedActions } from './blockedActions.js';
import { WebhookDelivery, type WebhookEvent } from '../queue/webhookEvents.js';
import { INVOCATION_BUDGET_MS } from '../hubspot/retryPolicy.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { viewerActor, viewerOf } from '../handlers/viewer.js';
import { getHandoffHealth } from '../handlers/getHandoffHealth.js';
import { getPolicyOverview } from '../handlers/getPolicyOverview.js';
import { getPolicyEvidence } from '../handlers/policyEvidence.js';
import { getPolicyPreview } from '../handlers/policyPreview.js';
import { getPolicyAgreement } from '../handlers/agreement/getPolicyAgreement.js';
import { reviewProposal } from '../handlers/agreement/reviewProposal.js';
import { setAvailability } from '../handlers/agreement/setAvailability.js';
import { proposePolicy } from '../handlers/agreement/proposePolicy.js';

export interface ServerOptions {
  /** The handler context for a request (the HubSpot client, the policy, the clock), allowed `budgetMs` on HubSpot. */
  context: (budgetMs: number) => HandlerContext;
  /** The portal this server serves: a request naming another one is refused before anything runs. */
  portal: Portal;
  /** The app's client secret: every request claiming to come from HubSpot is signed with it. */
  clientSecret: string;
  /** The server's public base URL (what HubSpot calls, behind any proxy); signatures cover it. */
  publicUrl?: string;
  /** Wall-clock ms, for the signature window. */
  now?: () => number;
  maxBodyBytes?: number;
  /** Requests per minute per client on the public routes (false: no limit, e.g. a load test). Default 600. */
  rateLimitPerMinute?: number | false;
  /** Take the client address from X-Forwarded-For (set when a proxy you run sits in front). */
  trustProxy?: boolean;
  /** Logs hold codes, routes and record ids: never a token, an email address or a name. */
  log?: (entry: Record<string, unknown>) => void;
  /** Stores a webhook delivery's events in the work queue (they are processed after the answer). */
  acceptWebhook: (events: readonly WebhookEvent[], receivedAt: Date) => Promise<number>;
  /** The batcher "route lead" goes through, so deliveries arriving together are routed as one batch (the host keeps it, to wait for its batches' work at stop); without one each is routed alone. */
  routeBatcher?: RouteBatcher;
  /**
   * Where "route lead" and "check SLA" go when they cannot be answered in time (`blockAfterMs`,
   * default 15 s) or the ledger is unavailable: answered BLOCK, finished there, completed by
   * callback. Without it they answer 429/503 and HubSpot retries.
   */
  blocked?: (deps: ActionDeps) => BlockedActions;
  blockAfterMs?: number;
}

interface Env {
  Variables: { body: string; signedBy: 'v3' | 'v2' };
}

const CardBody = z.record(z.string(), z.unknown());

/**
 * The self-hosted backend: HubSpot workflow actions, card requests (hubspot.fetch, or app
 * functions forwarding) and webhooks, all signed. It keeps nothing in memory between requests:
 * state is in the ledger the context carries, so any number of instances share one database.
 */
export function createServerApp(options: ServerOptions): Hono<Env> {
  const app = new Hono<Env>();
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => undefined);
  const maxBody = options.maxBodyBytes ?? 64 * 1024;

  // A delivery for another portal (a workflow's origin, a webhook event, a card's signed query) is
  // refused whole: nothing is stored in the ledger and nothing is asked of HubSpot.
  const samePortal = (claimed: string | number | undefined, where: string) => {
    if (isThisPortal(options.portal, claimed)) return;
    log({ level: 'warn', event: 'wrong_portal', claimed: String(claimed), where });
    throw new HandlerError('WRONG_PORTAL', `${where} names HubSpot portal ${String(claimed)}, but this Handoff server serves ${portalName(options.portal)}: it was not processed. Point the app's URLs for portal ${String(claimed)} at its own Handoff server.`, { portalId: String(claimed), servedPortalId: options.portal.id });
  };
  const fail = (c: Context, e: unknown) => {
    const err = toHandlerError(e);
    log({ level: err.status >= 500 ? 'error' : 'warn', code: err.code, status: err.status, path: new URL(c.req.url).pathname });
    const headers: Record<string, string> = err.retryAfterMs ? { 'Retry-After': String(Math.ceil(err.retryAfterMs / 1000)) } : {};
    return c.json(err.toJSON(), err.status as 400, headers);
  };
  app.onError((e, c) => fail(c, e));
  app.notFound((c) => c.json(new HandlerError('NOT_FOUND', `no route ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404));

  // Health for load balancers and admins: the ledger answers, and what the outbox still owes HubSpot.
  app.get('/healthz', async (c) => {
    const { ledger, policy, hubspotParkedUntil } = options.context(INVOCATION_BUDGET_MS.card);
    // HubSpot's daily limit reached: the server is up (routing answers from the ledger), its HubSpot work waits.
    const until = hubspotParkedUntil?.();
    const hubspot = until ? { dailyLimitReached: true, waitsUntil: until.toISOString() } : { dailyLimitReached: false };
    try {
      const outbox = await ledger.outboxStatus();
      return c.json({ ok: true, policyVersion: policy.version, ledger: ledger.engine.name, hubspot, outbox: { pending: outbox.pending, retrying: outbox.retrying, parked: outbox.parked.length } });
    } catch (e) {
      return c.json({ ok: false, policyVersion: policy.version, ledger: ledger.engine.name, error: toHandlerError(e).message }, 503);
    }
  });

  // Public routes are rate limited per client before anything else runs (a flood costs no signature checks).
  const perMinute = options.rateLimitPerMinute ?? 600;
  if (perMinute !== false) {
    const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
    const limited = async (c: Context<Env>, next: () => Promise<void>) => {
      const client = clientAddress(c, options.trustProxy ?? false);
      try {
        await limiter.consume(client);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e;
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        log({ level: 'warn', event: 'rate_limited', path: new URL(c.req.url).pathname });
        return c.json(new HandlerError('RATE_LIMITED', `more than ${perMinute} requests a minute from this client; try again in ${seconds} s`).toJSON(), 429, { 'Retry-After': String(seconds) });
      }
      await next();
    };
    app.use('/hubspot/*', limited);
    app.use('/api/*', limited);
  }

  // Everything below claims to come from HubSpot: its body size-limited and read, then its signature checked, before any handler runs.
  const signed = (allowV2: boolean) => async (c: Context<Env>, next: () => Promise<void>) => {
    const read = await readRequestBody(c, maxBody);
    if (!read.ok) return c.json(new HandlerError('INVALID_INPUT', `request body is larger than ${maxBody} bytes`).toJSON(), 413);
    const body = read.text;
    const url = new URL(c.req.url);
    const publicUrl = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}${url.pathname}${url.search}` : c.req.url;
    const check = verifyHubSpotSignature({ method: c.req.method, url: publicUrl, body, headers: c.req.header() }, options.clientSecret, now(), { allowV2 });
    if (!check.ok) {
      log({ level: 'warn', event: 'signature_rejected', path: url.pathname, why: check.why });
      return c.json(new HandlerError('UNAUTHORIZED', `request not accepted: ${check.why}`).toJSON(), 401);
    }
    c.set('body', body);
    c.set('signedBy', check.version);
    await next();
  };
  const json = (c: Context<Env>): unknown => {
    try {
      return JSON.parse(c.get('body') || '{}');
    } catch (e) {
      throw new HandlerError('INVALID_INPUT', `body is not JSON: ${(e as Error).message}`);
    }
  };

  // ---- custom workflow actions (signed v2 by HubSpot; v3 accepted too) ----
  const batcher = options.routeBatcher;
  const deps: ActionDeps = batcher ? { routeLead: (input) => batcher.route(input) } : {};
  const blocked = options.blocked?.(deps);
  const BLOCKING = new Set(['route-lead', 'check-sla']);
  for (const action of WORKFLOW_ACTIONS) {
    app.post(`/hubspot/actions/${action.id}`, signed(true), async (c) => {
      const request = parseInput(WorkflowActionRequest, json(c), 'workflow action request');
      samePortal(request.origin.portalId, 'this workflow action');
      const blockable = blocked && request.callbackId && BLOCKING.has(action.id) ? { blocked, request: { ...request, callbackId: request.callbackId } } : undefined;
      try {
        const run = action.run(options.context(INVOCATION_BUDGET_MS.workflow), request, deps);
        let outputFields: Awaited<typeof run>;
        if (blockable) {
          // Not answered within the server's budget: BLOCK now, finish it and complete it by callback.
          const settled = await Promise.race([run.then((v) => ({ v }), (e: unknown) => Promise.reject(e)), sleep(options.blockAfterMs ?? BLOCK_AFTER_MS)]);
          if (!settled) {
            blockable.blocked.block(action, blockable.request, run);
            return c.json(BLOCKED_ANSWER);
          }
          outputFields = settled.v;
        } else outputFields = await run;
        log({ level: 'info', event: 'workflow_action', action: action.id, objectId: request.object.objectId });
        return c.json({ outputFields: { ...outputFields, hs_execution_state: 'SUCCESS' } });
      } catch (e) {
        const err = toHandlerError(e);
        // The ledger (or HubSpot) unavailable: BLOCK rather than make HubSpot retry into it; finished once it is back.
        if (blockable && err.retryable) {
          blockable.blocked.block(action, blockable.request);
          return c.json(BLOCKED_ANSWER);
        }
        // Retryable failures answer 429/5xx so HubSpot retries the action; the rest fail the step
        // with a reason the workflow can branch on, instead of retrying something that cannot succeed.
        if (err.retryable) return fail(c, err);
        log({ level: 'warn', event: 'workflow_action_failed', action: action.id, code: err.code });
        return c.json({ outputFields: { hs_execution_state: 'FAIL_CONTINUE', error_code: err.code, error_message: err.message } });
      }
    });
  }

  // ---- card requests through hubspot.fetch (signed v3; HubSpot appends userId, userEmail, portalId) ----
  app.use('/api/cards/*', async (c, next) => {
    samePortal(c.req.query('portalId'), 'this card request');
    await next();
  });
  // The viewer is read against the policy this instance runs now (the ledger's active version).
  const viewer = (c: Context<Env>) => viewerActor(options.context(INVOCATION_BUDGET_MS.card).policy, c.req.query('userEmail'), c.req.query('userId'));
  app.post('/api/cards/handoff-state', signed(false), async (c) => {
    const body = CardBody.parse(json(c));
    const actor = viewer(c);
    return c.json(await getHandoffState(options.context(INVOCATION_BUDGET_MS.card), { ...body, viewer: viewerOf(actor) }));
  });
  app.post('/api/cards/outcome', signed(false), async (c) => {
    const body = CardBody.parse(json(c));
    // The card sends the handoff version it showed: the click's idempotency key is that version and the action.
    return c.json(await recordOutcome(options.context(INVOCATION_BUDGET_MS.card), { ...body, actor: viewer(c) }));
  });
  app.post('/api/cards/deal-origin', signed(false), async (c) => c.json(await getDealOrigin(options.context(INVOCATION_BUDGET_MS.card), CardBody.parse(json(c)))));
  // What the viewer sees follows the policy's roles: the viewer comes from the signed query, never the body.
  // The "Handoff policy" page: the policy in words for everyone; where the server is and how its work goes for admins and managers.
  app.post('/api/cards/policy', signed(false), async (c) => {
    const actor = viewer(c);
    return c.json(await getPolicyOverview(options.context(INVOCATION_BUDGET_MS.card), { viewerOwnerId: actor.id, ...(options.publicUrl ? { serverUrl: options.publicUrl } : {}) }));
  });
  // The policy page's evidence and preview read the period's handoffs (and, for the preview, its contacts): the heaviest card requests.
  app.post('/api/cards/policy-evidence', signed(false), async (c) => {
    const { viewerOwnerId: _ignored, ...body } = CardBody.parse(json(c));
    return c.json(await getPolicyEvidence(options.context(INVOCATION_BUDGET_MS.card), body));
  });
  app.post('/api/cards/policy-preview', signed(false), async (c) => {
    const { viewerOwnerId: _ignored, ...body } = CardBody.parse(json(c));
    return c.json(await getPolicyPreview(options.context(INVOCATION_BUDGET_MS.card), body));
  });
  // The agreement: proposals and their approvers, the versions' history, availability set in HubSpot; who may do what follows the active version's roles.
  const asViewer = (c: Context<Env>) => {
    const { viewerOwnerId: _ignored, ...body } = CardBody.parse(json(c));
    const actor = viewer(c);
    return { ...body, ...(actor.id.startsWith('user:') ? {} : { viewerOwnerId: actor.id }) };
  };
  app.post('/api/cards/policy-agreement', signed(false), async (c) => c.json(await getPolicyAgreement(options.context(INVOCATION_BUDGET_MS.card), asViewer(c))));
  app.post('/api/cards/policy-review', signed(false), async (c) => c.json(await reviewProposal(options.context(INVOCATION_BUDGET_MS.card), asViewer(c))));
  app.post('/api/cards/availability', signed(false), async (c) => c.json(await setAvailability(options.context(INVOCATION_BUDGET_MS.card), asViewer(c))));
  // `handoff propose FILE --server URL`: a proposal sent by an operator, signed with the app's client secret as HubSpot signs.
  app.post('/api/admin/policy', signed(false), async (c) => c.json(await getPolicyAgreement(options.context(INVOCATION_BUDGET_MS.card), {})));
  app.post('/api/admin/proposals', signed(false), async (c) => c.json(await proposePolicy(options.context(INVOCATION_BUDGET_MS.card), CardBody.parse(json(c)))));
  app.post('/api/cards/handoff-health', signed(false), async (c) => {
    const { viewerOwnerId: _ignored, ...body } = CardBody.parse(json(c));
    const actor = viewer(c);
    return c.json(await getHandoffHealth(options.context(INVOCATION_BUDGET_MS.card), { ...body, viewerOwnerId: actor.id }));
  });

  // ---- webhooks ("Send a webhook" from a workflow, or app webhook subscriptions) ----
  // HubSpot counts an answer slower than 5 s as a failure and retries the whole delivery, so the
  // events are only checked and stored (one statement) and answered at once; the queue's worker
  // processes them after. A body that is not a list of events is refused whole, and nothing of it
  // is stored.
  app.post('/hubspot/webhooks', signed(false), async (c) => {
    const events = parseInput(WebhookDelivery, json(c), 'webhook body');
    for (const [i, event] of events.entries()) samePortal(event.portalId, `webhook event ${i} (eventId ${event.eventId ?? 'none'})`);
    const accepted = await options.acceptWebhook(events, new Date(now()));
    log({ level: 'info', event: 'webhook_accepted', received: events.length, accepted });
    return c.json({ received: events.length, accepted });
  });

  return app;
}

/** The client a request counts against: the socket's address, or the proxy's X-Forwarded-For when trusted. */
function clientAddress(c: Context<Env>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** How long a workflow action may take before it is answered BLOCK: inside the workflow budget (20 s), well before HubSpot gives up (30 s). */
const BLOCK_AFTER_MS = 15_000;
const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref?.());
