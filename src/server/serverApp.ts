import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { HandoffPolicy } from '../domain/index.js';
import { getDealOrigin } from '../handlers/getDealOrigin.js';
import { getHandoffState } from '../handlers/getHandoffState.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { HandlerError, toHandlerError } from '../handlers/handlerError.js';
import { recordOutcome } from '../handlers/recordOutcome.js';
import { routeLead, startSla } from '../handlers/routeLead.js';
import { checkSla } from '../handlers/checkSla.js';
import { verifyHubSpotSignature } from './signature.js';
import { WORKFLOW_ACTIONS, WorkflowActionRequest } from './workflowActions.js';
import { viewerActor } from '../handlers/viewer.js';
import { getHandoffHealth } from '../handlers/getHandoffHealth.js';

export interface ServerOptions {
  /** The handler context for a request (the HubSpot client, the policy, the clock). */
  context: () => HandlerContext;
  policy: HandoffPolicy;
  /** The app's client secret: every request claiming to come from HubSpot is signed with it. */
  clientSecret: string;
  /** The server's public base URL (what HubSpot calls, behind any proxy); signatures cover it. */
  publicUrl?: string;
  /** Wall-clock ms, for the signature window. */
  now?: () => number;
  maxBodyBytes?: number;
  log?: (entry: Record<string, unknown>) => void;
}

interface Env {
  Variables: { body: string; signedBy: 'v3' | 'v2' };
}

const CardBody = z.record(z.string(), z.unknown());

/**
 * The self-hosted backend: HubSpot workflow actions, card requests (hubspot.fetch) and webhooks,
 * all signed by HubSpot and all served by the same handlers as the app functions. Stateless.
 */
export function createServerApp(options: ServerOptions): Hono<Env> {
  const app = new Hono<Env>();
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => undefined);
  const maxBody = options.maxBodyBytes ?? 64 * 1024;

  const fail = (c: Context, e: unknown) => {
    const err = toHandlerError(e);
    log({ level: err.status >= 500 ? 'error' : 'warn', code: err.code, status: err.status, path: new URL(c.req.url).pathname });
    const headers: Record<string, string> = err.retryAfterMs ? { 'Retry-After': String(Math.ceil(err.retryAfterMs / 1000)) } : {};
    return c.json(err.toJSON(), err.status as 400, headers);
  };
  app.onError((e, c) => fail(c, e));
  app.notFound((c) => c.json(new HandlerError('NOT_FOUND', `no route ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404));

  app.get('/healthz', (c) => c.json({ ok: true, policyVersion: options.policy.version }));

  // Everything below claims to come from HubSpot: size-limited, then signature-checked, before any handler runs.
  const signed = (allowV2: boolean) => async (c: Context<Env>, next: () => Promise<void>) => {
    const body = await c.req.text();
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
  const limit = bodyLimit({ maxSize: maxBody, onError: (c) => c.json(new HandlerError('INVALID_INPUT', `request body is larger than ${maxBody} bytes`).toJSON(), 413) });
  const json = (c: Context<Env>): unknown => {
    try {
      return JSON.parse(c.get('body') || '{}');
    } catch (e) {
      throw new HandlerError('INVALID_INPUT', `body is not JSON: ${(e as Error).message}`);
    }
  };

  // ---- custom workflow actions (signed v2 by HubSpot; v3 accepted too) ----
  for (const action of WORKFLOW_ACTIONS) {
    app.post(`/hubspot/actions/${action.id}`, limit, signed(true), async (c) => {
      const parsed = WorkflowActionRequest.safeParse(json(c));
      if (!parsed.success) throw new HandlerError('INVALID_INPUT', `not a workflow action request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      try {
        const outputFields = await action.run(options.context(), parsed.data);
        log({ level: 'info', event: 'workflow_action', action: action.id, objectId: parsed.data.object.objectId });
        return c.json({ outputFields: { ...outputFields, hs_execution_state: 'SUCCESS' } });
      } catch (e) {
        const err = toHandlerError(e);
        // Retryable failures answer 429/5xx so HubSpot retries the action; the rest fail the step
        // with a reason the workflow can branch on, instead of retrying something that cannot succeed.
        if (err.retryable) return fail(c, err);
        log({ level: 'warn', event: 'workflow_action_failed', action: action.id, code: err.code });
        return c.json({ outputFields: { hs_execution_state: 'FAIL_CONTINUE', error_code: err.code, error_message: err.message } });
      }
    });
  }

  // ---- card requests through hubspot.fetch (signed v3; HubSpot appends userId, userEmail, portalId) ----
  const viewer = (c: Context<Env>) => viewerActor(options.policy, c.req.query('userEmail'), c.req.query('userId'));
  app.post('/api/cards/handoff-state', limit, signed(false), async (c) => {
    const body = CardBody.parse(json(c));
    const actor = viewer(c);
    return c.json(await getHandoffState(options.context(), { ...body, ...(actor.id.startsWith('user:') ? {} : { viewerOwnerId: actor.id }) }));
  });
  app.post('/api/cards/outcome', limit, signed(false), async (c) => {
    const body = CardBody.parse(json(c));
    return c.json(await recordOutcome(options.context(), { ...body, actor: viewer(c) }));
  });
  app.post('/api/cards/deal-origin', limit, signed(false), async (c) => c.json(await getDealOrigin(options.context(), CardBody.parse(json(c)))));
  app.post('/api/cards/handoff-health', limit, signed(false), async (c) => c.json(await getHandoffHealth(options.context(), CardBody.parse(json(c)))));

  // ---- webhooks ("Send a webhook" from a workflow, or app webhook subscriptions) ----
  const WebhookEvent = z.object({ objectId: z.union([z.number(), z.string()]).transform(String), subscriptionType: z.string().optional(), propertyName: z.string().optional(), propertyValue: z.string().optional() }).passthrough();
  app.post('/hubspot/webhooks', limit, signed(false), async (c) => {
    const parsed = z.array(WebhookEvent).safeParse(json(c));
    if (!parsed.success) throw new HandlerError('INVALID_INPUT', `webhook body is not a list of events: ${parsed.error.issues[0]?.message}`);
    const results = [];
    for (const event of parsed.data) {
      const actor = { kind: 'system' as const, id: `webhook:${event.subscriptionType ?? 'event'}` };
      const ctx = options.context();
      if (event.propertyName === 'lifecyclestage' && event.propertyValue === 'marketingqualifiedlead') results.push(await routeLead(ctx, { contactId: event.objectId, actor }));
      else if (event.propertyName === 'hubspot_owner_id') results.push(await startSla(ctx, { contactId: event.objectId, actor }).catch((e) => ({ error: toHandlerError(e).code })));
      else if (event.propertyName === 'notes_last_contacted' || event.propertyName === 'hs_last_sales_activity_timestamp') results.push(await checkSla(ctx, { contactId: event.objectId, actor }));
    }
    return c.json({ handled: results.length });
  });

  return app;
}
