import { getDealOrigin } from '../../src/handlers/getDealOrigin.js';
import { getHandoffHealth } from '../../src/handlers/getHandoffHealth.js';
import { getPolicyOverview } from '../../src/handlers/getPolicyOverview.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { handoffPortal, leedsHighScore, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';

// A UK portal (GBP, Europe/London, a sandbox): Handoff reads who it is from account-info and
// shows money as its people write it, and says plainly that it is not production.
const hub = useFakeHubSpot({ rateLimits: false, account: { portalId: 44_100_200, accountType: 'SANDBOX', companyCurrency: 'GBP', timeZone: 'Europe/London' } });

describe('a UK portal', () => {
  it('knows its portal, shows the deal and the pipeline in GBP, and the policy page names the sandbox', async () => {
    const ctx = await handoffPortal(hub);
    expect(ctx.portal).toEqual({ id: '44100200', type: 'SANDBOX', timeZone: 'Europe/London', currency: 'GBP' });
    const { contactId } = seedLead(hub, leedsHighScore());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    await recordOutcome(ctx, { contactId, action: 'accept', actor: { kind: 'user', id: routed.ownerId! } });
    const [dealId] = seedRecords(hub.fake, 'deals', [{ dealname: 'Pennine Software – Rollout', amount: '54100', pipeline: 'default', dealstage: 'qualifiedtobuy' }]);
    hub.fake.store.associate('deals', dealId!, 'contacts', contactId, 3);
    await recordOutcome(ctx, { contactId, action: 'convert', dealId, actor: workflow });

    expect((await getDealOrigin(ctx, { dealId })).amount).toBe('£54,100');
    const health = await getHandoffHealth(ctx, { period: 'this-quarter' });
    expect(health.pipeline).toEqual({ deals: 1, withAmount: 1, total: '£54,100', currency: 'GBP' });
    // The quarter starts in the portal's own time zone when the page does not say.
    expect(health.period.label).toContain('2026');

    const page = await getPolicyOverview(ctx, {});
    expect(page.portal).toEqual({ id: '44100200', type: 'SANDBOX', typeLabel: 'sandbox', currency: 'GBP', timeZone: 'Europe/London', production: false });
  });
});
