import { sql } from 'kysely';
import { emptyRecord, type HandoffRecord } from '../../src/domain/index.js';
import { deliverOutbox, markerOf } from '../../src/handlers/write/outboxDelivery.js';
import type { LedgerChange } from '../../src/ledger/ledger.js';
import type { SqlLedger } from '../../src/ledger/sqlLedger.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { activitiesOf } from '../support/handoffTimeline.js';

// Tasks and notes exactly once across a crash: a worker dies after HubSpot created what a step
// makes and before the ledger recorded its id. The next lease of that step finds it through the
// contact's associations by the marker Handoff writes on it, records it, and creates nothing.
const hub = useFakeHubSpot();
const AT = new Date('2026-11-25T09:30:00Z');

function change(contactId: string, effects: LedgerChange['effects']): LedgerChange {
  const record: HandoffRecord = { ...emptyRecord(contactId), state: 'routed', ownerId: '102', policyVersion: '2026.12.2', routedAt: AT, handoffCount: 1, version: 1 };
  return { contactId, fromVersion: 0, record, events: [], delivery: { key: `route:${contactId}`, result: {} }, effects };
}

/** The crashed worker's lease runs out (as 30 s later). */
const expireLeases = (ledger: SqlLedger) => sql`update outbox set leased_until = now() - interval '1 second'`.execute(ledger.kysely);

describe('tasks and notes exactly once across a crash', () => {
  it('a task HubSpot created before the crash is found by its marker and recorded, never created again', async () => {
    const ctx = await handoffPortal(hub);
    const ledger = ctx.ledger as SqlLedger;
    const { contactId } = seedLead(hub, corkDemoRequest());
    const task = { contactId, ownerId: '102', subject: 'Follow up', body: 'Call within the SLA', dueAt: AT.toISOString(), priority: 'HIGH' as const };
    await ledger.transaction((tx) => tx.commit(change(contactId, [{ kind: 'createTask', task, output: 'taskId' }, { kind: 'createNote', contactId, body: 'Routed to Ciarán', at: AT.toISOString(), output: 'noteId' }])));
    // The first worker: leases the item, HubSpot creates the task (with its marker), and the worker dies.
    const [item] = await ledger.leaseOutbox({ limit: 1, leaseMs: 30_000 });
    const orphan = await ctx.crm.createTask({ ...task, body: `${task.body}\n\n${markerOf(item!, 0)}`, dueAt: AT });
    await expireLeases(ledger);

    const run = await deliverOutbox(ledger, ctx.crm);
    expect(run).toMatchObject({ delivered: 1, failed: [] });
    expect(activitiesOf(hub.fake, contactId).tasks).toEqual([orphan]);
    expect(activitiesOf(hub.fake, contactId).notes).toHaveLength(1);
    expect((await ledger.delivery(`route:${contactId}`))?.result).toMatchObject({ taskId: orphan });
  });

  it('a note created before the crash, in the second step, is found the same way', async () => {
    const ctx = await handoffPortal(hub);
    const ledger = ctx.ledger as SqlLedger;
    const { contactId } = seedLead(hub, corkDemoRequest(2));
    await ledger.transaction((tx) => tx.commit(change(contactId, [{ kind: 'updateContact', contactId, properties: { handoff_stage: 'routed' } }, { kind: 'createNote', contactId, body: 'Rejected: not a fit', at: AT.toISOString(), output: 'noteId' }])));
    const [item] = await ledger.leaseOutbox({ limit: 1, leaseMs: 30_000 });
    await ctx.crm.updateContact(contactId, { handoff_stage: 'routed' });
    await ledger.outboxSteps([{ item: item!, step: 1, outputs: {} }], 30_000);
    const orphan = await ctx.crm.createNote(contactId, `Rejected: not a fit\n\n${markerOf(item!, 1)}`, AT);
    await expireLeases(ledger);

    expect(await deliverOutbox(ledger, ctx.crm)).toMatchObject({ delivered: 1, failed: [] });
    expect(activitiesOf(hub.fake, contactId).notes).toEqual([orphan]);
    expect((await ledger.delivery(`route:${contactId}`))?.result).toMatchObject({ noteId: orphan });
  });

  it('a step tried again that HubSpot never created is created once, with its marker', async () => {
    const ctx = await handoffPortal(hub);
    const ledger = ctx.ledger as SqlLedger;
    const { contactId } = seedLead(hub, corkDemoRequest(3));
    const task = { contactId, ownerId: '102', subject: 'Follow up', body: 'Call within the SLA', dueAt: AT.toISOString(), priority: 'HIGH' as const };
    await ledger.transaction((tx) => tx.commit(change(contactId, [{ kind: 'createTask', task, output: 'taskId' }])));
    const [item] = await ledger.leaseOutbox({ limit: 1, leaseMs: 30_000 }); // leased; the worker dies before asking HubSpot
    await expireLeases(ledger);
    expect(await deliverOutbox(ledger, ctx.crm)).toMatchObject({ delivered: 1, failed: [] });
    const [taskId] = activitiesOf(hub.fake, contactId).tasks;
    expect(activitiesOf(hub.fake, contactId).tasks).toHaveLength(1);
    expect(hub.fake.store.get('tasks', taskId!)!.properties.get('hs_task_body')).toBe(`Call within the SLA\n\n${markerOf(item!, 0)}`);
  });
});
