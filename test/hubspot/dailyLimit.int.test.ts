import { getPolicyOverview } from '../../src/handlers/getPolicyOverview.js';
import { fillAccountIndex } from '../../src/handlers/accountIndex.js';
import { projectNowFor } from '../../src/handlers/write/ledgerWrite.js';
import type { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { actionRequest, handoffServer } from '../support/handoffServer.js';

// HubSpot's daily limit reached (the gateway's park: test/hubspot/sharedWindow.int.test.ts):
// /healthz and the policy page say Handoff's HubSpot work waits, and until when; "route lead"
// answers with the owner it decided, from the properties the enrolment brought, while the writes wait.
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
    expect(page.admin?.dailyLimit).toBe(
      "HubSpot's daily API limit for this portal is reached. \"Route lead\" enrolments are still routed, from the properties HubSpot sends with them, and answered with their owner; what Handoff owes HubSpot (owners, stages, tasks) and the leads announced by webhook wait until Thu 26 Nov, 00:00 (Europe/Dublin), when the portal's day resets.",
    );
  });

  it('"route lead" answers with the owner it decided, without a call to HubSpot; the writes wait for the reset', async () => {
    const base = await handoffPortal(hub);
    const crm = base.crm as HubSpotCrmGateway;
    const context = () => ({ ...base, hubspotParkedUntil: () => crm.budget.parkedUntil });
    const { post, blocked } = await handoffServer(hub, { context, routeGatherMs: 0, blockedActions: { retryMs: 60_000, paused: () => crm.budget.parkedUntil !== undefined } });
    const spec = corkDemoRequest(7);
    const { contactId, companyId } = seedLead(hub, spec);
    const other = seedLead(hub, corkDemoRequest(8)).contactId;
    await fillAccountIndex({ crm: base.crm, ledger: base.ledger });

    crm.budget.parkUntil(new Date(Date.now() + 3_600_000)); // a DAILY 429: nothing goes to HubSpot for an hour
    hub.fake.calls.reset();
    const enrolment = { ...actionRequest(contactId, {}, 'cb-parked'), object: { objectId: Number(contactId), objectType: 'CONTACT', properties: { ...spec.contact, associatedcompanyid: companyId, jobtitle: spec.contact.jobtitle, hubspotscore: null } } };
    const res = await post('/hubspot/actions/route-lead', enrolment);
    const answer = ((await res.json()) as { outputFields: Record<string, string> }).outputFields;
    const record = await base.ledger.handoff(contactId);
    expect(answer).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed', owner_id: record!.ownerId });
    expect(record!.ownerId).toMatch(/^\d+$/);
    expect(hub.fake.calls.count()).toBe(0);
    // HubSpot does not show it yet: the owner, stage and task wait in the outbox.
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('hubspot_owner_id') ?? '').toBe('');
    expect((await base.ledger.outboxStatus()).pending).toBeGreaterThan(0);

    // An enrolment without its properties cannot be decided: answered BLOCK, it waits in the queue without spending tries.
    const plain = await post('/hubspot/actions/route-lead', actionRequest(other, {}, 'cb-plain'));
    expect(((await plain.json()) as { outputFields: Record<string, string> }).outputFields.hs_execution_state).toBe('BLOCK');
    await blocked!.tick();
    expect(await blocked!.waiting()).toBe(1);
    expect(hub.fake.calls.count()).toBe(0);

    // The portal's day resets: what waited is written, and the blocked enrolment completed with its owner.
    crm.budget.parkUntil(new Date(Date.now() - 1));
    await projectNowFor(base, [contactId]);
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('hubspot_owner_id')).toBe(record!.ownerId);
    await blocked!.tick();
    const [completion] = hub.fake.actionCompletions.of('cb-plain');
    expect(completion?.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', owner_id: (await base.ledger.handoff(other))!.ownerId });
  });
});
