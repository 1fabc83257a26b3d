import { deliverLeased } from '../../../src/handlers/write/outboxDelivery.js';
import type { CrmGateway } from '../../../src/hubspot/crmGateway.js';
import type { HandoffLedger, OutboxItem } from '../../../src/ledger/ledger.js';

// A batch's step records and its HubSpot calls: each call's steps are recorded while the next call
// goes, never more than one call ahead of the ledger, and the run ends only once every record landed.

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
  it("records each call's steps while the next call goes, at most one call ahead", async () => {
    const h = harness();
    const run = deliverLeased(h.ledger, h.crm, [item('1', 'c1'), item('2', 'c2')]);
    while (h.waiting() || !h.log.includes('record step 3 lands')) await h.release();
    await expect(run).resolves.toEqual({ delivered: 2, failed: [] });
    expect(h.log).toEqual([
      'call 1: tasks',
      'record step 1 starts',
      // The first write goes while the tasks' ids are being recorded...
      'call 2: update',
      'record step 1 lands',
      'record step 2 starts',
      // ...but the second waits for that record: never two calls ahead of the ledger.
      'call 3: update',
      'record step 2 lands',
      'record step 3 starts',
      'record step 3 lands',
    ]);
  });

  it('a record the ledger refuses fails the run, and no later call goes', async () => {
    const h = harness(true);
    const run = deliverLeased(h.ledger, h.crm, [item('1', 'c1'), item('2', 'c2')]);
    run.catch(() => undefined);
    await h.release();
    await expect(run).rejects.toThrow('ledger down');
    expect(h.log).toEqual(['call 1: tasks', 'record step 1 starts', 'call 2: update', 'record step 1 lands']);
  });
});
