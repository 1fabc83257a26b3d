import type { HandoffPolicy } from '../../src/domain/index.js';
import { LivePolicy } from '../../src/handlers/agreement/livePolicy.js';
import { createServerApp } from '../../src/server/serverApp.js';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import type { FakeHubSpotHarness } from './fakeHubSpotHarness.js';
import { handoffPortal } from './handoffPortal.js';
import { asUser, BASE, SECRET } from './handoffServer.js';
import { defaultPolicy } from './policyFixtures.js';

/**
 * A server over a set-up fake portal that runs the ledger's active version (as every host does):
 * the policy file becomes the first active version; `post` signs as HubSpot's proxy does, as the
 * signed-in user `email` when given.
 */
export async function agreementServer(hub: FakeHubSpotHarness, file: HandoffPolicy = defaultPolicy()) {
  const ctx = await handoffPortal(hub, file);
  const live = await LivePolicy.open({ ledger: ctx.ledger, file: { policy: file, name: 'handoff.policy.yaml' } });
  const context = () => ({ ...ctx, policy: live.policy, policyChanged: () => live.refresh() });
  const app = createServerApp({ context, portal: ctx.portal, clientSecret: SECRET, publicUrl: BASE, now: () => hub.now().getTime(), acceptWebhook: async () => 0, rateLimitPerMinute: false });
  const post = async (path: string, body: unknown, email?: string) => {
    const text = JSON.stringify(body);
    const url = `${BASE}${path}${email ? asUser(email) : ''}`;
    const res = await app.request(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(SECRET, 'POST', url, text, hub.now().getTime()) } });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { ctx, live, context, app, post };
}

/** The demo policy's people by role, as the signed-in HubSpot users. */
export const PEOPLE = {
  headOfSales: 'siobhan.byrne@example.ie',
  headOfMarketing: 'grainne.walsh@example.ie',
  ukManager: 'james.carter@example.co.uk',
  rep: 'ciaran.murphy@example.ie',
  otherRep: 'aoife.kelly@example.ie',
  ukRep: 'tom.evans@example.co.uk',
} as const;
