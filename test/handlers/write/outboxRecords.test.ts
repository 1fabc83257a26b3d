import { deliverLeased } from '../../../src/handlers/write/outboxDelivery.js';
import type { CrmGateway } from '../../../src/hubspot/crmGateway.js';
import type { HandoffLedger, OutboxItem } from '../../../src/ledger/ledger.js';

// A batch's step records and its HubSpot calls: each call's steps are recorded while the next call
// goes, never more than one call ahead of the ledger (but for a task step followed by a property
// write, recorded with the write's steps in one statement), and the run ends only once every
// record landed.

const item = (id: string, contactId: string): OutboxItem => ({
  id,
  contactId,
  version: 1,
  step: 0,
  outputs: {},
  attempts: 0,
  stepTries: 1,
  effects: [
    { kind: 'createTask', task: { contactId, ownerId: '102', subject: 'Follow up', body: 'Call', priority: 'HIGH', dueAt: '2026-11-25T11:00:00.000Z' }, output: 'taskId', placeholder: `pending:${id}` },
    { kind: 'updateContact', contactId, properties: { handoff_stage: 'routed' } },
    { kind: 'updateContact', contactId, properties: { handoff_stage: 'accepted' } },
  ],
});

function harness(recordFails = false) {
  const log: string[] = [];
  const releases: (() => void)[] = [];
  const ledger = {
    // Each record waits until the test lets it land.
    outboxSteps: (steps: { step: number }[]) => {
      log.push(`record step ${steps[0]!.step} starts`);
      return new Promise<void>((resolve, reject) => releases.push(() => (log.push(`record step ${steps[0]!.step} lands`), recordFails ? reject(new Error('ledger down')) : resolve())));
    },
    outboxDone: async () => undefined,
    outboxFailed: async () => undefined,
    deliveries: async () => new Map(),
  } as unknown as HandoffLedger;
  let calls = 0;
  const crm = {
    createTasks: async (tasks: unknown[]) => (log.push(`call ${++calls}: tasks`), tasks.map((_, i) => ({ ok: true, value: `90${i}` }))),
    updateContacts: async (updates: unknown[]) => (log.push(`call ${++calls}: update`), updates.map(() => ({ ok: true, value: undefined }))),
  } as unknown as CrmGateway;
  /** Lets the oldest waiting record land, once the run has gone as far as it can. */
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    releases.shift()?.();
  };
  return { log, ledger, crm, release, waiting: () => releases.length };
}

describe('an outbox batch: records and calls', () => {
  it("records each call's steps while the next call goes, at most one call ahead; the tasks' with the write after them", async () => {
    const h = harness();
    const steps: { step: number; outputs: Record<string, string> }[][] = [];
    const record = h.ledger.outboxSteps.bind(h.ledger);
    h.ledger.outboxSteps = (s, leaseMs) => (steps.push(s.map((x) => ({ step: x.step, outputs: x.outputs }))), record(s, leaseMs));
    const run = deliverLeased(h.ledger, h.crm, [item('1', 'c1'), item('2', 'c2')]);
    while (h.waiting() || !h.log.includes('record step 3 lands')) await h.release();
    // The run says what each item produced: the answers need no read of the ledger.
    await expect(run).resolves.toEqual({ delivered: 2, failed: [], outputs: new Map([['1', { taskId: '900' }], ['2', { taskId: '901' }]]) });
    expect(h.log).toEqual([
      'call 1: tasks',
      // The first write goes at once; the tasks' ids are recorded with its steps...
      'call 2: update',
      'record step 2 starts',
      // ...and the second write goes while that record lands, but waits for it to land before
      // its own: never two calls ahead of the ledger.
      'call 3: update',
      'record step 2 lands',
      'record step 3 starts',
      'record step 3 lands',
    ]);
    // The first record carries each item's task: the real id its pending one is read as.
    expect(steps).toEqual([
      [
        { step: 2, outputs: { taskId: '900' } },
        { step: 2, outputs: { taskId: '901' } },
      ],
      [
        { step: 3, outputs: { taskId: '900' } },
        { step: 3, outputs: { taskId: '901' } },
      ],
    ]);
  });

  it("a write HubSpot refuses after the tasks were made: the item's task step is recorded, then its failure", async () => {
    const h = harness();
    const steps: { id: string; step: number; outputs: Record<string, string> }[][] = [];
    const failed: string[] = [];
    h.ledger.outboxSteps = async (s) => void (steps.push(s.map((x) => ({ id: x.item.id, step: x.step, outputs: x.outputs }))), h.log.push('record'));
    h.ledger.outboxFailed = async (id) => void (failed.push(id), h.log.push(`failure ${id}`));
    h.crm.updateContacts = async (updates: unknown[]) => updates.map((_, i) => (i === 1 ? { ok: false as const, error: Object.assign(new Error('HubSpot answered 400'), { status: 400 }) } : { ok: true as const, value: undefined }));
    // Item 1's last write goes alone.
    h.crm.updateContact = async () => undefined;
    const run = await deliverLeased(h.ledger, h.crm, [item('1', 'c1'), item('2', 'c2')]);
    expect(run.failed.map((f) => f.contactId)).toEqual(['c2']);
    expect(steps[0]).toEqual([
      { id: '1', step: 2, outputs: { taskId: '900' } },
      // The task it made is recorded, so a retry resumes at the write.
      { id: '2', step: 1, outputs: { taskId: '901' } },
    ]);
    expect(failed).toEqual(['2']);
    expect(h.log.indexOf('failure 2')).toBeGreaterThan(h.log.indexOf('record'));
  });

  it('a record the ledger refuses fails the run, and no later call goes', async () => {
    const h = harness(true);
    const run = deliverLeased(h.ledger, h.crm, [item('1', 'c1'), item('2', 'c2')]);
    run.catch(() => undefined);
    await h.release();
    await expect(run).rejects.toThrow('ledger down');
    expect(h.log).toEqual(['call 1: tasks', 'call 2: update', 'record step 2 starts', 'call 3: update', 'record step 2 lands']);
  });
});
