import { routeLead } from '../../src/handlers/routeLead.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { processWebhookJobs, webhookJobs, type WebhookEvent } from '../../src/queue/webhookEvents.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// A Lead changed by hand in the prospecting workspace is read back: reassigned there, its owner
// becomes the handoff's (an assignment, and the contact follows); deleted there, the deletion is
// noted on the handoff's timeline and the Lead is not put back until the next routing.
const hub = useFakeHubSpot();
const MIRROR = parsedPolicyWith((p) => {
  p.hubspot = { leads: 'mirror' };
});
const leadsOf = (contactId: string) => hub.fake.store.associations('contacts', contactId, 'leads').map((a) => hub.fake.store.get('leads', a.toId)!);

async function deliver(ctx: HandlerContext, event: WebhookEvent) {
  const jobs = webhookJobs([event], hub.now());
  expect(jobs).toHaveLength(1);
  const [outcome] = await processWebhookJobs(() => ctx, [{ id: `j-${event.eventId}`, data: jobs[0]!.data, retryCount: 0 }]);
  return outcome!;
}

describe("a Lead changed by hand in HubSpot", () => {
  it("reassigned in the workspace: the handoff's owner, an assignment, and the contact's owner follow", async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const [lead] = leadsOf(contactId);
    const other = routed.ownerId === '103' ? '104' : '103';
    const check = hub.fake.store.checkWrite('leads', { hubspot_owner_id: other });
    if (!check.ok) throw new Error('bad write');
    hub.fake.store.update(lead!, check.values, { sourceType: 'CRM_UI', sourceLabel: 'Prospecting workspace' });
    const outcome = await deliver(ctx, { eventId: '71', objectId: lead!.id, objectTypeId: '0-136', subscriptionType: 'object.propertyChange', propertyName: 'hubspot_owner_id', propertyValue: other, changeSource: 'CRM_UI', occurredAt: hub.now().getTime() });
    expect(outcome).toEqual({ ok: true, output: { handled: 'leadOwnerChanged' } });
    const record = await ctx.ledger.handoff(contactId);
    expect(record?.ownerId).toBe(other);
    expect((await ctx.ledger.timeline(contactId, 1))[0]).toMatchObject({ event: 'reassign', actor: 'system:lead-owner', ownerId: other });
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('hubspot_owner_id')).toBe(other);
    const load = await ctx.ledger.transaction((tx) => tx.routingLoad([new Date(0)], ctx.now()));
    expect(load.openHandoffs[other]).toBe(1);
    expect(load.openHandoffs[routed.ownerId!] ?? 0).toBe(0);
    // Handoff's own write of the Lead (an INTEGRATION change) is not read back as a person's.
    expect(webhookJobs([{ objectId: lead!.id, objectTypeId: '0-136', subscriptionType: 'object.propertyChange', propertyName: 'hubspot_owner_id', propertyValue: other, changeSource: 'INTEGRATION' }], hub.now())).toEqual([]);
  });

  it('deleted in HubSpot: noted on the timeline, and not put back by a later step of the handoff', async () => {
    const ctx = await handoffPortal(hub, MIRROR);
    const { contactId } = seedLead(hub, corkDemoRequest(2));
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const [lead] = leadsOf(contactId);
    hub.fake.store.archive(lead!); // deleted by hand in HubSpot
    const outcome = await deliver(ctx, { eventId: '72', objectId: lead!.id, objectTypeId: '0-136', subscriptionType: 'object.deletion', changeSource: 'CRM_UI', occurredAt: hub.now().getTime() });
    expect(outcome).toEqual({ ok: true, output: { handled: 'leadDeleted' } });
    expect((await ctx.ledger.timeline(contactId, 1))[0]).toMatchObject({ event: 'lead-deleted', reason: 'The Lead was deleted in HubSpot. It is not put back: the next routing of this contact creates a new one.' });
    // The rep accepts on the card: the handoff moves on, and no Lead is made for it.
    await recordOutcome(ctx, { contactId, actor: { kind: 'user', id: routed.ownerId! }, action: 'accept' });
    expect(leadsOf(contactId)).toEqual([]);
  });
});
