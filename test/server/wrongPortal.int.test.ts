import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, seedLead } from '../support/handoffPortal.js';
import { actionRequest, asUser, handoffServer } from '../support/handoffServer.js';

// A delivery that names another portal than the one the server serves (a sandbox's workflow
// pointed at production's server, a second install's webhooks) is refused whole: a 403 naming
// the portal, nothing in the ledger, no call to HubSpot.
const hub = useFakeHubSpot();
const OTHER = 99_000_111;

describe('deliveries for another portal', () => {
  it('a workflow action whose origin names another portal: 403, no HubSpot call, nothing in the ledger', async () => {
    const { post, ctx, logs } = await handoffServer(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.calls.reset();
    const res = await post('/hubspot/actions/route-lead', { ...actionRequest(contactId), origin: { portalId: OTHER, actionDefinitionId: 7 } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'WRONG_PORTAL', retryable: false, message: expect.stringContaining(`names HubSpot portal ${OTHER}, but this Handoff server serves HubSpot portal ${DEMO_ACCOUNT.portalId} (production account)`) } });
    expect(hub.fake.calls.count()).toBe(0);
    expect(await ctx.ledger.handoff(contactId)).toBeUndefined();
    expect(await ctx.ledger.timelineCount(contactId)).toBe(0);
    expect(logs).toContainEqual(expect.objectContaining({ event: 'wrong_portal', claimed: String(OTHER) }));

    // The same delivery from this portal is routed.
    const ok = await post('/hubspot/actions/route-lead', actionRequest(contactId));
    expect(((await ok.json()) as { outputFields: Record<string, string> }).outputFields.hs_execution_state).toBe('SUCCESS');
  });

  it('a webhook delivery with one event from another portal is refused whole: no job stored, nothing routed', async () => {
    const { post, ctx, background, drain } = await handoffServer(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.calls.reset();
    const event = (portalId: number, eventId: number) => ({ eventId, portalId, objectId: Number(contactId), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead', changeSource: 'CRM_UI' });
    const res = await post('/hubspot/webhooks', [event(DEMO_ACCOUNT.portalId, 1), event(OTHER, 2)]);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'WRONG_PORTAL', message: expect.stringContaining('webhook event 1 (eventId 2)') } });
    await drain();
    expect((await background.queue.counts()).every((q) => q.waiting + q.active + q.done === 0)).toBe(true);
    expect(hub.fake.calls.count()).toBe(0);
    expect(await ctx.ledger.handoff(contactId)).toBeUndefined();
  });

  it('a card request whose signed query names another portal: 403 before any read', async () => {
    const { post } = await handoffServer(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.calls.reset();
    const owner = 'aoife.kelly@example.ie';
    const res = await post(`/api/cards/handoff-state${asUser(owner).replace(`portalId=${DEMO_ACCOUNT.portalId}`, `portalId=${OTHER}`)}`, { contactId });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'WRONG_PORTAL' } });
    expect(hub.fake.calls.count()).toBe(0);
  });
});
