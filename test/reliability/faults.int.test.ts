import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { deliverOutbox } from '../../src/handlers/write/outboxDelivery.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { corkDemoRequest, handoffPortal, instantRetry, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { activitiesOf, propertiesOf, timeline } from '../support/handoffTimeline.js';

// Fault drills through the fake HubSpot's fault injection. Retries wait what HubSpot says (the
// waits are recorded instead of slept). A failure before the ledger commits fails the call with a
// typed error and writes nothing; one after it leaves the change in the outbox, which resumes
// after the last step HubSpot has, so nothing is half-written and nothing is done twice.
const hub = useFakeHubSpot();
const CONTACT_PATCH = 'PATCH /crm/objects/2026-03/contacts/{id}';
const CONTACT_GET = 'GET /crm/objects/2026-03/contacts/{id}';

describe('faults: retried where safe, typed where not, never half-written', () => {
  it('routes a lead through 429s with Retry-After, 503s and a slow answer, waiting what HubSpot asked', async () => {
    const ctx = await handoffPortal(hub);
    const waits: number[] = [];
    ctx.crm = new HubSpotCrmGateway(hub.api(), instantRetry(waits));
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.faults.inject(
      { route: CONTACT_GET, kind: 'server-error', status: 503, times: 1 },
      { route: CONTACT_PATCH, kind: 'rate-limit', retryAfterSeconds: 2, times: 2 },
      { route: 'POST /crm/objects/2026-03/tasks', kind: 'rate-limit', retryAfterSeconds: 1, times: 1 },
      { route: 'GET /crm/objects/2026-03/companies/{id}', kind: 'slow', delayMs: 20, times: 1 },
    );
    const r = await routeLead(ctx, { contactId, actor: workflow });
    expect(r.outcome).toBe('routed');
    expect(waits.filter((w) => w === 2000)).toHaveLength(2);
    expect(waits).toContain(1000);
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route']);
    expect(activitiesOf(hub.fake, contactId).tasks).toHaveLength(1); // the create refused with 429 was retried, never doubled
  });

  it("HubSpot refuses the write past the call's time budget: the ledger has the change, the answer says HubSpot is pending, and the outbox tells HubSpot later", async () => {
    const ctx = await handoffPortal(hub);
    ctx.crm = new HubSpotCrmGateway(hub.api(), instantRetry()).forInvocation(8_000);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.faults.inject({ route: CONTACT_PATCH, kind: 'rate-limit', retryAfterSeconds: 10, times: 1 });
    const r = await routeLead(ctx, { contactId, actor: workflow });
    expect(r).toMatchObject({ outcome: 'routed', hubspotPending: true, taskId: expect.any(String) });
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBeUndefined(); // HubSpot not told yet
    expect(await ctx.ledger.handoff(contactId)).toMatchObject({ state: 'routed', ownerId: r.ownerId, taskId: r.taskId });
    expect(await ctx.ledger.outboxStatus()).toMatchObject({ pending: 1, retrying: 1, parked: [] });
    // The worker's next run (here: at once, whatever the backoff) tells HubSpot, without a second task.
    const run = await deliverOutbox(ctx.ledger, new HubSpotCrmGateway(hub.api(), instantRetry()), { dueBy: new Date(Date.now() + 3_600_000) });
    expect(run).toMatchObject({ delivered: 1, failed: [] });
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_stage: 'routed', hubspot_owner_id: r.ownerId, handoff_task_id: r.taskId });
    expect(activitiesOf(hub.fake, contactId).tasks).toEqual([r.taskId]);
    expect((await ctx.ledger.outboxStatus()).pending).toBe(0);
  });

  it('a HubSpot call that hangs past the budget fails as UPSTREAM_UNAVAILABLE instead of running the function out', async () => {
    const ctx = await handoffPortal(hub);
    ctx.crm = new HubSpotCrmGateway(hub.api(), instantRetry()).forInvocation(100);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.faults.inject({ route: CONTACT_GET, kind: 'timeout', delayMs: 300, times: 1 });
    await expect(routeLead(ctx, { contactId, actor: workflow })).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true, message: expect.stringContaining("time budget") });
    // Wait (however long the machine takes) until the abandoned read has been answered: then
    // nothing followed it, neither a retry past the budget, nor the company read, nor any write,
    // and the ledger has no handoff for the contact.
    while (hub.fake.calls.count(CONTACT_GET) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.fake.calls.byRoute()).toEqual({ [CONTACT_GET]: 1 });
    expect(await ctx.ledger.handoff(contactId)).toBeUndefined();
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBeUndefined();
  });

  it('the property write fails after the task was created: the ledger keeps the task, and the retry resumes after it instead of making a second', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    hub.fake.faults.inject({ route: CONTACT_PATCH, kind: 'server-error', status: 502, times: 5 });
    const first = await routeLead(ctx, { contactId, actor: workflow, idempotencyKey: 'wf:exec-1' });
    expect(first).toMatchObject({ outcome: 'routed', hubspotPending: true, taskId: expect.any(String) });
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBeUndefined();
    expect(activitiesOf(hub.fake, contactId).tasks).toEqual([first.taskId]);

    const retried = await routeLead(ctx, { contactId, actor: workflow, idempotencyKey: 'wf:exec-1' }); // HubSpot's retry
    expect(retried).toMatchObject({ outcome: 'routed', replayed: true, ownerId: first.ownerId, taskId: first.taskId });
    expect(retried.hubspotPending).toBeUndefined();
    expect(activitiesOf(hub.fake, contactId).tasks).toEqual([first.taskId]);
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_stage: 'routed', handoff_task_id: first.taskId });
    expect(timeline(hub.fake, contactId)).toEqual([expect.objectContaining({ event: 'route', key: 'route:wf:exec-1' })]);
  });

  it('a failure after the commit (closing the task) is finished by the retry: the same result, the task closed, one note', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const r = await routeLead(ctx, { contactId, actor: workflow });
    const owner = { kind: 'user' as const, id: r.ownerId! };
    const click = { contactId, actor: owner, action: 'reject' as const, reasonCode: 'not-a-fit', note: 'FY27', expectedVersion: 1 };
    hub.fake.faults.inject({ route: 'PATCH /crm/objects/2026-03/tasks/{id}', kind: 'server-error', status: 503, times: 5 });
    const first = await recordOutcome(ctx, click);
    expect(first).toMatchObject({ stage: 'rejected', changed: true, hubspotPending: true });
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBe('rejected'); // the note and the write landed
    expect(hub.fake.store.get('tasks', r.taskId!)!.properties.get('hs_task_status')).toBe('NOT_STARTED');

    const again = await recordOutcome(ctx, click); // the card's "Try again"
    expect(again).toMatchObject({ stage: 'rejected', replayed: true, transition: { event: 'reject' } });
    expect(again.hubspotPending).toBeUndefined();
    expect(hub.fake.store.get('tasks', r.taskId!)!.properties.get('hs_task_status')).toBe('COMPLETED');
    expect(activitiesOf(hub.fake, contactId).notes).toEqual([again.noteId]);
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route', 'reject']);
  });

  it('a rejection committed while the route\'s task is still owed to HubSpot closes that task once the outbox creates it', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    // A create is not retried on a 5xx (it may have happened): the route's attempt and the reject's fail.
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/tasks', kind: 'server-error', status: 503, times: 2 });
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    expect(routed).toMatchObject({ outcome: 'routed', hubspotPending: true });
    expect(routed.taskId).toBeUndefined();
    expect((await ctx.ledger.handoff(contactId))!.taskId).toBe('pending:route:1001:v0');
    // The rep rejects from the card (the ledger has the routing) before HubSpot has the task.
    const rejected = await recordOutcome(ctx, { contactId, actor: { kind: 'user', id: routed.ownerId! }, action: 'reject', reasonCode: 'not-a-fit', expectedVersion: 1 });
    expect(rejected).toMatchObject({ stage: 'rejected', hubspotPending: true }); // queued behind the route
    const run = await deliverOutbox(ctx.ledger, ctx.crm, { dueBy: new Date(Date.now() + 3_600_000) });
    expect(run).toMatchObject({ delivered: 2, failed: [] });
    const [task] = activitiesOf(hub.fake, contactId).tasks;
    expect(hub.fake.store.get('tasks', task!)!.properties.get('hs_task_status')).toBe('COMPLETED');
    expect(propertiesOf(hub.fake, contactId).handoff_stage).toBe('rejected');
    expect(propertiesOf(hub.fake, contactId).handoff_task_id ?? '').toBe(''); // cleared: no open follow-up
    expect((await ctx.ledger.handoff(contactId))!.taskId).toBeUndefined();
  });

  it('a batch read answered 207 with some inputs failed asks again for those, and returns every contact', async () => {
    const ids = seedRecords(hub.fake, 'contacts', Array.from({ length: 12 }, (_, i) => ({ email: `c${i}@example.ie` })));
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/contacts/batch/read', kind: 'batch-partial', failFraction: 0.5, times: 1 });
    const crm = new HubSpotCrmGateway(hub.api(), instantRetry());
    const read = await crm.readContacts([...ids, '999999'], { properties: ['email'] });
    expect(read.map((c) => c.id)).toEqual(ids); // the unknown id is simply absent, as HubSpot reports it
    expect(hub.fake.calls.list().map((c) => c.status)).toEqual([207, 200]);
  });

  it('a batch read that keeps failing some inputs is a typed failure, not a silent gap', async () => {
    const ids = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }, { email: 'b@example.ie' }]);
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/contacts/batch/read', kind: 'batch-partial', failFraction: 1 });
    const crm = new HubSpotCrmGateway(hub.api(), instantRetry());
    await expect(crm.readContacts(ids, { properties: ['email'] })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('after 5 tries') });
  });
});
