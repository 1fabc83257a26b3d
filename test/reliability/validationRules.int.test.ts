import { routeLead } from '../../src/handlers/routeLead.js';
import { deliverOutbox } from '../../src/handlers/write/outboxDelivery.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { HubSpotError } from '../../src/hubspot/hubspotError.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, instantRetry, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { propertiesOf } from '../support/handoffTimeline.js';

// From API version 2026-09 HubSpot enforces a portal admin's validation rules on API writes. A
// write one refuses is reported with the property and HubSpot's message; the ledger keeps the
// change, parked, to show and to retry once the rule or the record is fixed.
const hub = useFakeHubSpot();
const RULE = { kind: 'required-when', objectType: 'contacts', property: 'hs_lead_status', when: { property: 'handoff_stage', equals: 'routed' }, message: 'Lead status is required when Handoff stage is Routed.' } as const;

describe("a portal's validation rules on HubSpot writes", () => {
  it('names the property and HubSpot\'s message, keeps the change parked, and sends it once the rule is lifted', async () => {
    const ctx = await handoffPortal(hub);
    hub.fake.store.portal.validationRules.push(RULE);
    const { contactId } = seedLead(hub, corkDemoRequest());

    const r = await routeLead(ctx, { contactId, actor: workflow });
    // The routing stands: the ledger has it, HubSpot has not got it.
    expect(r).toMatchObject({ outcome: 'routed', hubspotPending: true });
    expect(await ctx.ledger.handoff(contactId)).toMatchObject({ state: 'routed', ownerId: r.ownerId });
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBeUndefined();
    const { parked } = await ctx.ledger.outboxStatus();
    expect(parked).toEqual([{ id: expect.any(String), contactId, error: expect.stringContaining('HubSpot refused hs_lead_status (Lead status is required when Handoff stage is Routed.)') }]);

    // Waiting does not help, so nothing retries it on its own.
    expect(await deliverOutbox(ctx.ledger, ctx.crm, { dueBy: new Date(Date.now() + 86_400_000) })).toMatchObject({ delivered: 0, failed: [] });

    // The admin relaxes the rule; the parked change is put back in line and lands as it was.
    hub.fake.store.portal.validationRules.length = 0;
    expect(await ctx.ledger.outboxRetry()).toBe(1);
    expect(await deliverOutbox(ctx.ledger, ctx.crm)).toMatchObject({ delivered: 1, failed: [] });
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_stage: 'routed', hubspot_owner_id: r.ownerId });
    expect((await ctx.ledger.outboxStatus()).pending).toBe(0);
  });

  it('the typed error carries each refused property with its message', async () => {
    await handoffPortal(hub);
    hub.fake.store.portal.validationRules.push({ kind: 'max-length', objectType: 'contacts', property: 'jobtitle', max: 10 });
    const { contactId } = seedLead(hub, corkDemoRequest());
    const crm = new HubSpotCrmGateway(hub.api(), instantRetry());
    const err = await crm.updateContact(contactId, { jobtitle: 'Operations Director' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotError);
    expect(err).toMatchObject({ code: 'INVALID_REQUEST', status: 400, refused: [{ property: 'jobtitle', message: 'jobtitle must be at most 10 characters; this value has 19.' }] });
    expect((err as Error).message).toBe(`updating contact ${contactId}: HubSpot refused jobtitle (jobtitle must be at most 10 characters; this value has 19.)`);
  });
});
