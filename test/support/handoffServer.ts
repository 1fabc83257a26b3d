import type { HandoffPolicy } from '../../src/domain/index.js';
import { startBackgroundWork, type BackgroundWork } from '../../src/queue/backgroundWork.js';
import { createServerApp, type ServerOptions } from '../../src/server/serverApp.js';
import { BlockedActions, type BlockedActionsOptions } from '../../src/server/blockedActions.js';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import type { FakeHubSpotHarness } from './fakeHubSpotHarness.js';
import { handoffPortal } from './handoffPortal.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';

export const SECRET = 'client-secret-for-tests';
export const BASE = 'https://handoff.example.ie';

const running: BackgroundWork[] = [];
const stopping: BlockedActions[] = [];
afterEach(async () => {
  for (const b of stopping.splice(0)) await b.stop();
  for (const b of running.splice(0)) await b.stop();
});

/**
 * The self-hosted server over a set-up fake portal, with a signed `post` as HubSpot would send it,
 * its log, and its background work (the queue's webhook and SLA-timer workers): `drain()` waits
 * until every job that is due has run.
 */
export async function handoffServer(hub: FakeHubSpotHarness, options: Partial<ServerOptions> & { policy?: HandoffPolicy; blockedActions?: Partial<Omit<BlockedActionsOptions, 'queue' | 'deps'>> } = {}) {
  const ctx = await handoffPortal(hub, options.policy);
  const logs: Record<string, unknown>[] = [];
  const context = options.context ? () => options.context!(0) : () => ctx;
  // Blocked actions wait in the queue on the ledger the handlers see (a drill's flaky one); otherwise the queue is the portal's own.
  const background = await startBackgroundWork({ ledger: options.blockedActions ? context().ledger : ctx.ledger, context: () => ctx, now: () => hub.now(), pollMs: 60_000, queue: { retryDelaySeconds: 1 } });
  running.push(background);
  let blocked: BlockedActions | undefined;
  const blockedOption: Partial<ServerOptions> = options.blockedActions ? { blocked: (deps) => (blocked = new BlockedActions({ queue: background.queue, context, crm: () => ctx.crm, deps, pollMs: 60_000, ...options.blockedActions })) } : {};
  const app = createServerApp({ context: () => ctx, portal: ctx.portal, clientSecret: SECRET, publicUrl: BASE, now: () => hub.now().getTime(), log: (e) => logs.push(e), acceptWebhook: (events, at) => background.acceptWebhook(events, at), ...blockedOption, ...withoutPolicy(options) });
  if (blocked) stopping.push(blocked);
  const post = (path: string, body: unknown, headers: (url: string, text: string) => Record<string, string> = (url, text) => hubspotSignedHeaders(SECRET, 'POST', url, text, hub.now().getTime())) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const url = `${BASE}${path}`;
    return app.request(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...headers(url, text) } });
  };
  return { ctx, app, post, logs, background, drain: () => background.drain(), ...(blocked ? { blocked } : {}) };
}

const withoutPolicy = ({ policy: _policy, blockedActions: _blocked, ...options }: Partial<ServerOptions> & { policy?: HandoffPolicy; blockedActions?: unknown }): Partial<ServerOptions> => options;

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
