import { reconcileContacts, reconcileFindings } from '../../src/handlers/reconcile.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { emptyRecord } from '../../src/domain/index.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { handoffServer } from '../support/handoffServer.js';

const hub = useFakeHubSpot();
const workflow = { kind: 'workflow' as const, id: 'wf' };

describe('reconciliation: what was changed by hand in HubSpot never leaves the ledger believing something false', () => {
  it('findings, decided on the record and the contact alone', () => {
    const record = { ...emptyRecord('7'), state: 'routed' as const, ownerId: '102', version: 1 };
    expect(reconcileFindings(record, undefined)).toEqual([{ kind: 'contact-gone', why: 'HubSpot has no such contact (deleted)' }]);
    expect(reconcileFindings(record, { id: '9', properties: {}, history: {}, companyIds: [], dealIds: [] })).toEqual([{ kind: 'contact-gone', why: 'merged into contact 9' }]);
    const contact = { id: '7', properties: { hubspot_owner_id: '103', handoff_stage: 'routed', handoff_count: '0', handoff_version: '1', handoff_outcome: '' }, history: {}, companyIds: [], dealIds: [] };
    expect(reconcileFindings(record, contact)).toEqual([{ kind: 'owner-changed', from: '102', to: '103' }]);
    expect(reconcileFindings({ ...record, state: 'rejected' }, contact)).toEqual([{ kind: 'properties-edited', properties: [{ name: 'handoff_stage', hubspot: 'routed', ledger: 'rejected' }, { name: 'handoff_outcome', hubspot: '', ledger: 'rejected' }] }]);
  });

  it('an owner changed by hand becomes the handoff\'s owner: timeline, assignment (routing counts follow) and the version in HubSpot', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const other = routed.ownerId === '102' ? '103' : '102';
    hub.fake.store.update(hub.fake.store.get('contacts', contactId)!, new Map([['hubspot_owner_id', other]]), { sourceType: 'CRM_UI' });
    const result = await reconcileContacts(ctx, [contactId]);
    expect(result.findings).toEqual([expect.objectContaining({ contactId, finding: { kind: 'owner-changed', from: routed.ownerId, to: other } })]);
    expect(await ctx.ledger.handoff(contactId)).toMatchObject({ ownerId: other, version: 2 });
    expect((await ctx.ledger.timeline(contactId))[0]).toMatchObject({ event: 'reassign', actor: 'system:reconcile', ownerId: other, reason: expect.stringContaining('Owner changed in HubSpot') });
    const load = await ctx.ledger.transaction((tx) => tx.routingLoad([new Date(0)], ctx.now()));
    expect(load.openHandoffs).toEqual({ [other]: 1 });
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_version')).toBe('2');
    expect((await reconcileContacts(ctx, [contactId])).findings).toEqual([]); // nothing left to put right
    expect((await ctx.ledger.reconciliations(10)).map((r) => r.finding)).toEqual(['owner-changed']);
  });

  it('handoff properties edited by hand are put back from the ledger; a deleted contact leaves the open load', async () => {
    const ctx = await handoffPortal(hub);
    const a = seedLead(hub, corkDemoRequest(1)).contactId;
    const b = seedLead(hub, corkDemoRequest(2)).contactId;
    await routeLead(ctx, { contactId: a, actor: workflow });
    const rb = await routeLead(ctx, { contactId: b, actor: workflow });
    hub.fake.store.update(hub.fake.store.get('contacts', a)!, new Map([['handoff_stage', 'accepted']]), { sourceType: 'CRM_UI' });
    hub.fake.store.get('contacts', b)!.archived = true;
    const result = await reconcileContacts(ctx, [a, b]);
    expect(result.findings.map((f) => [f.contactId, f.finding.kind])).toEqual([
      [a, 'properties-edited'],
      [b, 'contact-gone'],
    ]);
    expect(hub.fake.store.get('contacts', a)!.properties.get('handoff_stage')).toBe('routed');
    expect(await ctx.ledger.handoff(b)).toBeUndefined();
    expect((await ctx.ledger.timeline(b)).length).toBeGreaterThan(0); // what happened stays
    const load = await ctx.ledger.transaction((tx) => tx.routingLoad([new Date(0)], ctx.now()));
    expect(load.openHandoffs[rb.ownerId!] ?? 0).toBe(rb.ownerId === (await ctx.ledger.handoff(a))!.ownerId ? 1 : 0);
  });

  it('a handoff that moved on while it was compared is left alone: the put-back would land after the newer write', async () => {
    const ctx = await handoffPortal(hub);
    const a = seedLead(hub, corkDemoRequest(3)).contactId;
    await routeLead(ctx, { contactId: a, actor: workflow });
    const read = (await ctx.ledger.handoff(a))!;
    hub.fake.store.update(hub.fake.store.get('contacts', a)!, new Map([['handoff_stage', 'accepted']]), { sourceType: 'CRM_UI' });
    // The sweep read the handoff a version ago; the ledger has moved on since (its change carries its own write).
    const sweep = Object.create(ctx.ledger, { handoff: { value: async () => ({ ...read, version: read.version - 1 }) } }) as typeof ctx.ledger;
    const result = await reconcileContacts({ ...ctx, ledger: sweep }, [a]);
    expect(result.findings).toEqual([expect.objectContaining({ contactId: a, finding: expect.objectContaining({ kind: 'properties-edited' }), did: expect.stringContaining('left as it is') })]);
    expect(await ctx.ledger.hasPending(a)).toBe(false);
    expect(hub.fake.store.get('contacts', a)!.properties.get('handoff_stage')).toBe('accepted');
  });

  it('webhooks: a deletion and a merge reconcile the contacts gone; an owner change by a person reconciles; Handoff\'s own writes do not', async () => {
    const { post, ctx, app, drain } = await handoffServer(hub);
    const ids = [1, 2, 3].map((n) => seedLead(hub, corkDemoRequest(n)).contactId);
    for (const id of ids) await routeLead(ctx, { contactId: id, actor: workflow });
    hub.fake.store.get('contacts', ids[0]!)!.archived = true;
    hub.fake.store.get('contacts', ids[1]!)!.archived = true;
    const res = await post('/hubspot/webhooks', [
      { eventId: 11, objectId: Number(ids[0]), subscriptionType: 'contact.deletion' },
      { eventId: 12, objectId: Number(ids[2]), subscriptionType: 'contact.merge', mergedObjectIds: [Number(ids[1])] },
      { eventId: 13, objectId: Number(ids[2]), subscriptionType: 'contact.propertyChange', propertyName: 'handoff_version', propertyValue: '1', changeSource: 'INTEGRATION' },
    ]);
    expect(res.status).toBe(200);
    // Handoff's own write (INTEGRATION) is answered and not stored; the deletion and the merge are.
    expect(await res.json()).toEqual({ received: 3, accepted: 2 });
    await drain();
    expect(await ctx.ledger.handoff(ids[0]!)).toBeUndefined();
    expect(await ctx.ledger.handoff(ids[1]!)).toBeUndefined();
    expect(await ctx.ledger.handoff(ids[2]!)).toMatchObject({ state: 'routed' });
    const health = await app.request('https://handoff.example.ie/healthz');
    expect(await health.json()).toMatchObject({ ok: true, outbox: { pending: 0, retrying: 0, parked: 0 } });
  });
});
