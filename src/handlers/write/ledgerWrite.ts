import type { HandoffRecord, TaskToCreate } from '../../domain/index.js';
import { recordFromProperties } from '../../hubspot/contactRecord.js';
import { LedgerConflict, type Effect, type LedgerTx, type OutboxItem } from '../../ledger/ledger.js';
import type { HandlerContext } from '../handlerContext.js';
import { HandlerError } from '../handlerError.js';
import { deliverLeased, deliverOutbox, type OutboxRun, type RunSoFar } from './outboxDelivery.js';

/**
 * Runs a decision in one ledger transaction; when the handoff moved on meanwhile (or a duplicate
 * of this delivery committed first) it runs once more on what the ledger has now, which decides
 * again or finds the recorded result. Twice in a row is a conflict.
 */
export async function inLedger<T>(ctx: HandlerContext, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.ledger.transaction(work);
    } catch (e) {
      if (!(e instanceof LedgerConflict)) throw e;
      if (attempt >= 3) throw new HandlerError('CONFLICT', `${e.message}, more than once in a row; nothing was saved — reload and look again`, { contactId: e.contactId });
    }
  }
}

/** A caller asking again (a replay, a retried click) tries what is owed now, whatever its backoff. */
const NOW_OR_LATER = new Date('9999-12-31T00:00:00Z');

/**
 * Tells HubSpot what this contact's committed changes owe it, now. What fails stays in the outbox
 * for the worker to retry; the caller's answer stands (the ledger has the change), and says so.
 */
export async function projectNow(ctx: HandlerContext, contactId: string): Promise<{ hubspotPending?: true }> {
  const run = await deliverOutbox(ctx.ledger, ctx.crm, { contactId, dueBy: NOW_OR_LATER });
  return run.failed.length ? { hubspotPending: true } : {};
}

/**
 * `projectNow` for many contacts at once: their items go to HubSpot together, in batch calls.
 * Items the caller's commit already leased (`leased`) go first, as they are; the other contacts'
 * are leased here. `whenOnlyMirrorsLeft` hears what the run did once only Leads are left to mirror
 * (only when the leased items are all there is; otherwise it is not called).
 */
export async function projectNowFor(ctx: HandlerContext, contactIds: readonly string[], leased: readonly OutboxItem[] = [], options: { whenOnlyMirrorsLeft?: (soFar: RunSoFar) => void } = {}): Promise<Pick<OutboxRun, 'failed' | 'outputs'>> {
  const taken = new Set(leased.map((i) => i.contactId));
  const rest = contactIds.filter((id) => !taken.has(id));
  // Heard early only when the leased items are all there is (the rest's run comes after them).
  const first = await deliverLeased(ctx.ledger, ctx.crm, leased, rest.length ? {} : options);
  if (!rest.length) return first;
  const then = await deliverOutbox(ctx.ledger, ctx.crm, { contactIds: rest, dueBy: NOW_OR_LATER, limit: Math.max(100, rest.length) });
  return { failed: [...first.failed, ...then.failed], outputs: new Map([...first.outputs, ...then.outputs]) };
}

/**
 * The handoff as the ledger has it, locked for this transaction; a handoff the ledger has not seen
 * yet (written before the ledger existed) is adopted from HubSpot's properties, at HubSpot's version.
 */
export async function currentRecord(tx: LedgerTx, contactId: string, hubspotProperties: Readonly<Record<string, string>>): Promise<HandoffRecord> {
  return (await tx.handoff(contactId)) ?? recordFromProperties(contactId, hubspotProperties);
}

/**
 * The effect that creates a task for the contact. The handoff's follow-up is its output `taskId`,
 * known meanwhile by `placeholder`; another task (an escalation's reminder) names its own output.
 */
export function createTaskEffect(contactId: string, task: TaskToCreate, output: { placeholder: string } | { name: string }): Effect {
  return { kind: 'createTask', task: { ...task, contactId, dueAt: task.dueAt.toISOString() }, ...('placeholder' in output ? { output: 'taskId', placeholder: output.placeholder } : { output: output.name }) };
}

/** The effects that create a task (when there is one, known meanwhile by its pending id) and then write the properties. */
export function taskThenWrite(contactId: string, task: TaskToCreate | undefined, properties: Record<string, string>, placeholder: string): Effect[] {
  return [...(task ? [createTaskEffect(contactId, task, { placeholder })] : []), { kind: 'updateContact', contactId, properties }];
}
