import type { CrmGateway } from '../../hubspot/crmGateway.js';
import { toHubSpotError } from '../../hubspot/hubspotError.js';
import { pendingKeyOf, type Effect, type HandoffLedger, type OutboxItem } from '../../ledger/ledger.js';

/**
 * How long a worker holds an item while telling HubSpot, renewed after each step; if its instance
 * dies, another takes the item over after this. Longer than any one HubSpot call may take (the
 * gateway's per-invocation budget is at most 20 s), so a live worker never loses its item.
 */
export const OUTBOX_LEASE_MS = 30_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export interface OutboxRun {
  delivered: number;
  failed: { contactId: string; error: string; parked: boolean }[];
}

/**
 * Tells HubSpot what the ledger committed: each contact's pending items in order, each step's
 * output (a task's id) recorded as it lands, so a retry resumes after the last step that landed.
 * A retryable failure backs off exponentially; one HubSpot refuses for good is parked with why.
 */
export async function deliverOutbox(ledger: HandoffLedger, crm: CrmGateway, options: { contactId?: string; limit?: number; dueBy?: Date } = {}): Promise<OutboxRun> {
  const run: OutboxRun = { delivered: 0, failed: [] };
  const blocked = new Set<string>();
  for (let round = 0; round < 1000; round++) {
    const items = (await ledger.leaseOutbox({ ...(options.contactId ? { contactId: options.contactId } : {}), ...(options.dueBy ? { dueBy: options.dueBy } : {}), limit: options.limit ?? 100, leaseMs: OUTBOX_LEASE_MS })).filter((i) => !blocked.has(i.contactId));
    if (!items.length) break;
    await Promise.all(
      items.map(async (item) => {
        const error = await deliverItem(ledger, crm, item);
        if (!error) return void run.delivered++;
        blocked.add(item.contactId);
        run.failed.push({ contactId: item.contactId, ...error });
      }),
    );
    if (options.contactId && blocked.size) break;
  }
  return run;
}

async function deliverItem(ledger: HandoffLedger, crm: CrmGateway, item: OutboxItem): Promise<{ error: string; parked: boolean } | undefined> {
  const outputs = { ...item.outputs };
  for (let step = item.step; step < item.effects.length; step++) {
    const effect = item.effects[step]!;
    let output: { name: string; id: string } | undefined;
    try {
      output = await runEffect(ledger, crm, effect);
    } catch (e) {
      const err = toHubSpotError(e, `telling HubSpot about contact ${item.contactId}'s handoff (version ${item.version})`);
      // A contact that is gone (deleted or merged away) or a write HubSpot refuses as invalid will not
      // succeed by waiting: parked with why, for reconciliation and the health view.
      const retryInMs = err.retryable ? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** item.attempts) : undefined;
      await ledger.outboxFailed(item.id, err.message, retryInMs);
      return { error: err.message, parked: retryInMs === undefined };
    }
    // Recording the step is the ledger's; if that fails the error is the ledger's (the lease runs
    // out and the step is retried), never filed as HubSpot's.
    if (output) outputs[output.name] = output.id;
    const resolved = effect.kind === 'createTask' && effect.placeholder && output ? { placeholder: effect.placeholder, id: output.id } : undefined;
    await ledger.outboxStep(item, step + 1, outputs, OUTBOX_LEASE_MS, resolved);
  }
  await ledger.outboxDone(item.id);
  return undefined;
}

/** The real id for a pending task id, from the delivery that created it (items run in order, so it has); '' if it never was. */
async function resolveTaskId(ledger: HandoffLedger, id: string): Promise<string> {
  const key = pendingKeyOf(id);
  if (!key) return id;
  const taskId = (await ledger.delivery(key))?.result.taskId;
  return typeof taskId === 'string' ? taskId : '';
}

async function runEffect(ledger: HandoffLedger, crm: CrmGateway, effect: Effect): Promise<{ name: string; id: string } | undefined> {
  switch (effect.kind) {
    case 'createTask':
      return { name: effect.output, id: await crm.createTask({ ...effect.task, dueAt: new Date(effect.task.dueAt) }) };
    case 'createNote':
      return { name: effect.output, id: await crm.createNote(effect.contactId, effect.body, new Date(effect.at)) };
    case 'updateContact': {
      const properties = { ...effect.properties };
      for (const [name, value] of Object.entries(properties)) {
        if (!pendingKeyOf(value)) continue;
        // This item's own task (created a step before, its id already in the delivery's result) or an earlier one's.
        properties[name] = await resolveTaskId(ledger, value);
      }
      await crm.updateContact(effect.contactId, properties);
      return undefined;
    }
    case 'completeTask': {
      const taskId = await resolveTaskId(ledger, effect.taskId);
      if (taskId) await crm.completeTask(taskId, effect.body);
      return undefined;
    }
    case 'updateDeal':
      await crm.updateDeal(effect.dealId, effect.properties);
      return undefined;
  }
}

/** Runs the outbox every `intervalMs` until stopped: what a failed write left is retried until HubSpot has it. */
export function startOutboxWorker(ledger: HandoffLedger, crm: () => CrmGateway, intervalMs = 2_000, onRun: (run: OutboxRun) => void = () => undefined): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = deliverOutbox(ledger, crm())
      .then(onRun, () => undefined)
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  // The worker never keeps the process alive on its own (Node's timer has unref; a browser's does not).
  (timer as { unref?: () => void }).unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
