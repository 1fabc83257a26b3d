import { hubspotSignedHeaders, signV2 } from '../../src/server/signature.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, routedCorkLead, seedLead } from '../support/handoffPortal.js';
import { actionRequest, handoffServer, SECRET } from '../support/handoffServer.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';

const hub = useFakeHubSpot();
const server = () => handoffServer(hub);

describe('the self-hosted server', () => {
  it('runs "route lead" as a workflow action signed v2, with output fields a workflow can branch on', async () => {
    const { post } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    const res = await post('/hubspot/actions/route-lead', actionRequest(contactId), (url, text) => ({ 'X-HubSpot-Signature': signV2(SECRET, 'POST', url, text), 'X-HubSpot-Signature-Version': 'v2' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outputFields: Record<string, string> };
    expect(body.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed', sla_due: '2026-11-25T10:30:00.000Z', sla_tier: 'hot', routing_rule: 'territory' });
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_last_event')).toContain('"actor":"workflow:555"');
  });

  it('fails a workflow step it cannot do with FAIL_CONTINUE and the reason, and lets HubSpot retry what it can', async () => {
    const { post } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    const bad = await post('/hubspot/actions/record-outcome', actionRequest(contactId, { outcome: 'accept' }));
    expect(await bad.json()).toEqual({ outputFields: { hs_execution_state: 'FAIL_CONTINUE', error_code: 'ILLEGAL_TRANSITION', error_message: expect.stringContaining('cannot accept a handoff that is new') } });

    // HubSpot keeps refusing past the gateway's retries: the workflow is told to retry later.
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'rate-limit', times: 5, retryAfterSeconds: 2 });
    const limited = await post('/hubspot/actions/route-lead', actionRequest(contactId));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
  });

  it('serves the card: the viewer comes from the signed query (userEmail), so a rep who does not own the lead cannot act', async () => {
    const { post, ctx } = await server();
    const { contactId, owner, colleague: other } = await routedCorkLead(hub, ctx);
    const as = (email: string) => `?userId=1&userEmail=${encodeURIComponent(email)}&portalId=${DEMO_ACCOUNT.portalId}`;

    const state = await post(`/api/cards/handoff-state${as(other.email!)}`, { contactId });
    expect(((await state.json()) as { actions: { accept: { enabled: boolean } } }).actions.accept.enabled).toBe(false);
    const refused = await post(`/api/cards/outcome${as(other.email!)}`, { contactId, action: 'accept' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN', retryable: false } });
    const accepted = await post(`/api/cards/outcome${as(owner.email!)}`, { contactId, action: 'accept' });
    expect(await accepted.json()).toMatchObject({ stage: 'accepted', changed: true });
  });

  it('a HubSpot user the policy does not name sees every action disabled, with why, and the server refuses their click alike', async () => {
    const { post, ctx } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    const { routeLead } = await import('../../src/handlers/routeLead.js');
    await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    const stranger = `?userId=7700001&userEmail=${encodeURIComponent('temp.contractor@example.ie')}&portalId=${DEMO_ACCOUNT.portalId}`;

    const state = (await (await post(`/api/cards/handoff-state${stranger}`, { contactId })).json()) as { actions: Record<'accept' | 'reject' | 'recycle', { shown: boolean; enabled: boolean }> & { note?: string } };
    expect(state.actions).toMatchObject({ accept: { shown: true, enabled: false }, reject: { shown: true, enabled: false }, recycle: { shown: true, enabled: false } });
    expect(state.actions.note).toContain('You are not among the people in the handoff policy');
    // The card offers exactly what the server allows: each action it shows disabled is refused.
    for (const action of ['accept', 'reject', 'recycle'] as const) {
      const refused = await post(`/api/cards/outcome${stranger}`, { contactId, action, ...(action === 'accept' ? {} : { reasonCode: 'bad-timing' }) });
      expect(refused.status).toBe(403);
    }
    // A body claiming to be someone is not believed: the viewer comes from the signed query.
    const claimed = (await (await post(`/api/cards/handoff-state${stranger}`, { contactId, viewer: { kind: 'known', ownerId: '102' } })).json()) as typeof state;
    expect(claimed.actions.accept.enabled).toBe(false);
  });

  it.each([
    ['a tampered body', (url: string, text: string) => hubspotSignedHeaders(SECRET, 'POST', url, text.replace('1', '2'), Date.parse('2026-11-25T09:30:00Z'))],
    ['the wrong secret', (url: string, text: string) => hubspotSignedHeaders('not-the-secret', 'POST', url, text, Date.parse('2026-11-25T09:30:00Z'))],
    ['a stale timestamp', (url: string, text: string) => hubspotSignedHeaders(SECRET, 'POST', url, text, Date.parse('2026-11-25T09:24:00Z'))],
    ['no signature', () => ({})],
    ['a v2 signature on a card route', (url: string, text: string) => ({ 'X-HubSpot-Signature': signV2(SECRET, 'POST', url, text), 'X-HubSpot-Signature-Version': 'v2' })],
  ])('answers %s with 401 and changes nothing', async (_name, headers) => {
    const { post, logs } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.calls.reset();
    const res = await post('/api/cards/outcome?userEmail=x%40example.ie', { contactId, action: 'accept' }, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(hub.fake.calls.count()).toBe(0);
    expect(logs).toEqual([expect.objectContaining({ event: 'signature_rejected' })]);
  });

  it('routes a lead when a signed webhook says its lifecycle stage became MQL', async () => {
    const { post, drain } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    const res = await post('/hubspot/webhooks', [{ objectId: Number(contactId), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' }]);
    // Stored and answered; the queue's worker routes it after.
    expect(await res.json()).toEqual({ received: 1, accepted: 1 });
    await drain();
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_stage')).toBe('routed');
    const bad = await post('/hubspot/webhooks', { not: 'a list' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'webhook body refused: must be a list of events (got {"not":"a list"})' } });
  });

  it('a webhook delivery with one malformed event is refused whole, naming the event and field, and nothing of it is stored', async () => {
    const { post, background } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    const good = { eventId: 1, objectId: Number(contactId), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' };
    const res = await post('/hubspot/webhooks', [good, { eventId: 2, subscriptionType: 'contact.propertyChange' }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'webhook body refused: 1.objectId: is missing: every event names the record it is about' } });
    expect((await background.queue.counts()).every((c) => c.waiting + c.active + c.done === 0)).toBe(true);
    const notAnId = await post('/hubspot/webhooks', [{ ...good, objectId: { id: 7 } }]);
    expect(await notAnId.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'webhook body refused: 0.objectId: must be a record id: a number or a string (got {"id":7})' } });
    const tooMany = await post('/hubspot/webhooks', Array.from({ length: 101 }, (_, i) => ({ ...good, eventId: i })));
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/^webhook body refused: holds at most 100 events \(HubSpot's limit a delivery\), not 101 \(got \[\{"eventId":0,.{60,}…\)$/);
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_stage')).toBeUndefined();
  });

  it('refuses a body over the size limit with 413 before reading it as a request', async () => {
    const { post } = await server();
    const res = await post('/api/cards/handoff-state', { contactId: '1', padding: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('refuses a signed workflow action request it cannot read, naming the field and the value, before running the action', async () => {
    const { post } = await server();
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.calls.reset();
    const res = await post('/hubspot/actions/route-lead', { ...actionRequest(contactId), origin: { portalId: 'mine' } }, (url, text) => ({ 'X-HubSpot-Signature': signV2(SECRET, 'POST', url, text), 'X-HubSpot-Signature-Version': 'v2' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'workflow action request refused: origin.portalId: Invalid input: expected number, received string (got "mine")' } });
    expect(hub.fake.calls.count()).toBe(0);
  });

  it('names the field of a bad card request', async () => {
    const { post } = await server();
    const res = await post('/api/cards/handoff-state', { contactId: 'abc' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'contactId: a HubSpot record id is digits only (got "abc")' } });
  });
});
