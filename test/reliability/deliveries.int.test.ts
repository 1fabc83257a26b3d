import { routeLead } from '../../src/handlers/routeLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, routedCorkLead, seedLead } from '../support/handoffPortal.js';
import { actionRequest, asUser, handoffServer } from '../support/handoffServer.js';
import { activitiesOf, propertiesOf, timeline } from '../support/handoffTimeline.js';

// Every delivery HubSpot may repeat carries a key: a workflow action's callbackId, a webhook's
// eventId, a card click's shown version. A repeat answers the same and changes nothing.
const hub = useFakeHubSpot();
type Outputs = { outputFields: Record<string, unknown> };

describe('repeated deliveries change nothing', () => {
  it('a workflow action delivered twice (same callbackId): the same output fields, one transition, one task', async () => {
    const { post } = await handoffServer(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const first = (await (await post('/hubspot/actions/route-lead', actionRequest(contactId, {}, 'exec-77'))).json()) as Outputs;
    hub.fake.calls.reset();
    const second = (await (await post('/hubspot/actions/route-lead', actionRequest(contactId, {}, 'exec-77'))).json()) as Outputs;
    expect(second).toEqual(first);
    expect(first.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed' });
    expect(hub.fake.calls.byRoute()).toEqual({ 'GET /crm/objects/2026-03/contacts/{id}': 1, 'GET /crm/objects/2026-03/companies/{id}': 1 }); // read only
    expect(timeline(hub.fake, contactId)).toHaveLength(1);
    expect(activitiesOf(hub.fake, contactId).tasks).toHaveLength(1);
    expect(propertiesOf(hub.fake, contactId).handoff_count).toBe('1');
  });

  it('"record outcome" delivered twice after the lead moved on: the recorded result, no second transition or note', async () => {
    const { post, ctx } = await handoffServer(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    const reject = actionRequest(contactId, { outcome: 'reject', rejection_reason: 'not-a-fit', note: 'FY27' }, 'exec-rej');
    const first = (await (await post('/hubspot/actions/record-outcome', reject)).json()) as Outputs;
    await post('/hubspot/actions/record-outcome', actionRequest(contactId, { outcome: 'recycle', recycle_reason: 'nurture' }, 'exec-rec'));
    const again = (await (await post('/hubspot/actions/record-outcome', reject)).json()) as Outputs;
    expect(again).toEqual(first);
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reject', 'recycle']);
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBe('recycled');
  });

  it('a webhook batch delivered twice (same eventIds): routed once; a HubSpot write refused after the ledger committed is finished by the resend', async () => {
    const { post, drain } = await handoffServer(hub);
    const a = seedLead(hub, corkDemoRequest(1)).contactId;
    const b = seedLead(hub, corkDemoRequest(2)).contactId;
    const mql = (eventId: number, objectId: string) => ({ eventId, objectId: Number(objectId), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' });
    // the batch's property write is refused past the budget: the ledger has both routings, and the
    // outbox owes HubSpot both contacts' properties
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/contacts/batch/update', kind: 'rate-limit', retryAfterSeconds: 120, times: 1 });
    const firstTry = await post('/hubspot/webhooks', [mql(1, a), mql(2, b)]);
    expect(firstTry.status).toBe(200);
    await drain();
    expect(propertiesOf(hub.fake, a).handoff_stage).toBeUndefined();
    expect(propertiesOf(hub.fake, b).handoff_stage).toBeUndefined();
    const resent = await post('/hubspot/webhooks', [mql(1, a), mql(2, b)]);
    expect(resent.status).toBe(200);
    await drain();
    expect(propertiesOf(hub.fake, a).handoff_stage).toBe('routed');
    expect(propertiesOf(hub.fake, b).handoff_stage).toBe('routed');
    for (const id of [a, b]) {
      expect(timeline(hub.fake, id).map((e) => e.event)).toEqual(['route']);
      expect(activitiesOf(hub.fake, id).tasks).toHaveLength(1);
    }
  });

  it('a card click sent twice (HubSpot retries a 5xx once; reps double-click): one rejection, one note, the same answer', async () => {
    const { post, ctx } = await handoffServer(hub);
    const { contactId, owner } = await routedCorkLead(hub, ctx);
    const click = { contactId, action: 'reject', reasonCode: 'not-a-fit', note: 'Q2', expectedVersion: 1 };
    const [one, two] = await Promise.all([post(`/api/cards/outcome${asUser(owner.email!)}`, click), post(`/api/cards/outcome${asUser(owner.email!)}`, click)].map(async (r) => {
      const res = await r;
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }));
    const statuses = [one!.status, two!.status].sort();
    // either both answer (the second replays) or the second is told to wait (503 IN_PROGRESS) and replays on retry
    expect([[200, 200], [200, 503]]).toContainEqual(statuses);
    const retry = await post(`/api/cards/outcome${asUser(owner.email!)}`, click);
    expect(await retry.json()).toMatchObject({ stage: 'rejected', replayed: true });
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reject']);
    expect(activitiesOf(hub.fake, contactId).notes).toHaveLength(1);
  });

  it('a click on a card showing an old version is refused with CONFLICT, and nothing changes', async () => {
    const { post, ctx } = await handoffServer(hub);
    const { contactId, owner } = await routedCorkLead(hub, ctx);
    await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept', expectedVersion: 1 });
    const stale = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'recycle', reasonCode: 'nurture', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'CONFLICT', retryable: false, message: expect.stringContaining('changed since it was shown (version 1, now 2: accepted)') } });
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBe('accepted');
  });
});
