import type { HandoffPolicy } from '../../src/domain/index.js';
import type { ServerOptions } from '../../src/server/serverApp.js';
import type { BlockedActionsOptions } from '../../src/server/blockedActions.js';
import { startHandoffHost, type HandoffHost, type HostOptions } from '../../src/server/handoffHost.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import type { FakeHubSpotHarness } from './fakeHubSpotHarness.js';
import { handoffPortal } from './handoffPortal.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';

export const SECRET = 'client-secret-for-tests';
export const BASE = 'https://handoff.example.ie';

const running: HandoffHost[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
});

/**
 * The self-hosted server over a set-up fake portal, started as every host is (`startHandoffHost`),
 * with a signed `post` as HubSpot would send it, its log, and its background work (the queue's
 * webhook and SLA-timer workers): `drain()` waits until every job that is due has run. The outbox
 * worker and the queue's pollers wait a minute, so a test decides when work runs.
 */
export async function handoffServer(hub: FakeHubSpotHarness, options: Partial<Pick<ServerOptions, 'context' | 'rateLimitPerMinute' | 'blockAfterMs'> & Pick<HostOptions, 'routeGatherMs'>> & { policy?: HandoffPolicy; blockedActions?: Partial<Omit<BlockedActionsOptions, 'queue' | 'deps' | 'context' | 'crm'>> } = {}) {
  const ctx = await handoffPortal(hub, options.policy);
  if (!(ctx.crm instanceof HubSpotCrmGateway)) throw new Error('handoffPortal gives a HubSpotCrmGateway');
  const logs: Record<string, unknown>[] = [];
  // What requests see: a drill's context (a flaky ledger), or the portal's own.
  const context = options.context ? () => options.context!(0) : () => ctx;
  const { blockedActions } = options;
  const host = await startHandoffHost({
    crm: ctx.crm,
    // Blocked actions wait in the queue on the ledger the handlers see (a drill's flaky one); otherwise the queue is the portal's own.
    ledger: blockedActions ? context().ledger : ctx.ledger,
    portal: ctx.portal,
    policy: () => ctx.policy,
    now: () => hub.now(),
    clientSecret: SECRET,
    publicUrl: BASE,
    log: (e) => logs.push(e),
    pollMs: 60_000,
    outboxPollMs: 60_000,
    queue: { retryDelaySeconds: 1 },
    blocked: blockedActions ? { pollMs: 60_000, ...blockedActions } : false,
    requestContext: context,
    ...(options.routeGatherMs !== undefined ? { routeGatherMs: options.routeGatherMs } : {}),
    ...(options.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.blockAfterMs !== undefined ? { blockAfterMs: options.blockAfterMs } : {}),
  });
  running.push(host);
  const { app, background, blocked } = host;
  const post = (path: string, body: unknown, headers: (url: string, text: string) => Record<string, string> = (url, text) => hubspotSignedHeaders(SECRET, 'POST', url, text, hub.now().getTime())) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const url = `${BASE}${path}`;
    return app.request(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...headers(url, text) } });
  };
  return { ctx, app, post, logs, background, drain: () => background.drain(), ...(blocked ? { blocked } : {}) };
}

/** A custom workflow action request as HubSpot sends it (callbackId names this execution). */
export const actionRequest = (objectId: string, inputFields: Record<string, unknown> = {}, callbackId = 'ap-1') => ({
  callbackId,
  origin: { portalId: DEMO_ACCOUNT.portalId, actionDefinitionId: 7 },
  context: { source: 'WORKFLOWS', workflowId: 555 },
  object: { objectId: Number(objectId), objectType: 'CONTACT' },
  inputFields,
});

/** The query HubSpot appends to a card's hubspot.fetch: the signed-in user. */
export const asUser = (email: string) => `?userId=1&userEmail=${encodeURIComponent(email)}&portalId=${DEMO_ACCOUNT.portalId}`;
