import { getPolicyOverview } from '../../src/handlers/getPolicyOverview.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { handoffPortal } from '../support/handoffPortal.js';
import { handoffServer } from '../support/handoffServer.js';

// HubSpot's daily limit reached (the gateway's park: test/hubspot/sharedWindow.int.test.ts):
// /healthz and the policy page say Handoff's HubSpot work waits, and until when.
const hub = useFakeHubSpot();
const ADMIN = '101';

describe("HubSpot's daily limit", () => {
  it('/healthz and the policy page say HubSpot work waits, and until when', async () => {
    const until = new Date('2026-11-26T00:00:00Z');
    const { ctx } = await handoffServer(hub);
    const { app } = await handoffServer(hub, { context: () => ({ ...ctx, hubspotParkedUntil: () => until }) });
    const health = (await (await app.request('https://handoff.example.ie/healthz')).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, hubspot: { dailyLimitReached: true, waitsUntil: '2026-11-26T00:00:00.000Z' } });
    const page = await getPolicyOverview({ ...(await handoffPortal(hub)), hubspotParkedUntil: () => until }, { viewerOwnerId: ADMIN });
    expect(page.admin?.dailyLimit).toBe("HubSpot's daily API limit for this portal is reached. Handoff keeps routing from its ledger; what it owes HubSpot (owners, stages, tasks) waits until Thu 26 Nov, 00:00 (Europe/Dublin), when the portal's day resets.");
  });
});
