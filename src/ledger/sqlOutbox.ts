import { sql, type Kysely, type Transaction } from 'kysely';
import type { Effect, HandoffLedger, OutboxItem, OutboxStatus } from './ledger.js';
import type { LedgerDatabase } from './schema.js';

// The outbox's SQL (table outbox): what HubSpot must be told after a commit, in order per contact,
// leased by a worker, each step's output recorded as it lands, retried or parked.

type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

/** A parked outbox item waits this long before anyone tries it again (in effect, until someone looks). */
const PARKED_MS = 100 * 365 * 86_400_000;
/** How a parked item's last error is marked: HubSpot refused it for good, and it waits for a person. */
const PARKED = 'parked: ';
const isParked = (lastError: string | null) => lastError?.startsWith(PARKED) ?? false;

export async function enqueue(trx: Transaction<LedgerDatabase>, portal: string, contactId: string, version: number, effects: Effect[], at: Date): Promise<string> {
  const row = await trx
    .insertInto('outbox')
    .values({ portal_id: portal, contact_id: contactId, version, effects: JSON.stringify(effects), step: 0, outputs: '{}', attempts: 0, next_attempt_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/** Leases the oldest pending item of each contact that is due and not leased (see HandoffLedger.leaseOutbox). */
export async function lease(db: Db, portal: string, options: Parameters<HandoffLedger['leaseOutbox']>[0], now: Date): Promise<OutboxItem[]> {
  const until = new Date(now.getTime() + options.leaseMs);
  // Only each contact's oldest pending item: a later write never lands before an earlier one.
  const oldest = db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('portal_id', '=', portal)
    .where('done_at', 'is', null)
    .$if(options.contactId !== undefined, (q) => q.where('contact_id', '=', options.contactId!))
    .$if(options.contactIds !== undefined, (q) => q.where('contact_id', 'in', options.contactIds!.length ? [...options.contactIds!] : ['']))
    .$if((options.except?.length ?? 0) > 0, (q) => q.where('contact_id', 'not in', [...options.except!]))
    .groupBy('contact_id');
  const rows = await db
    .updateTable('outbox')
    .set({ leased_until: until })
    .where('portal_id', '=', portal)
    .where('id', 'in', (eb) => eb.selectFrom(oldest.as('o')).select('o.id').limit(options.limit))
    .where('next_attempt_at', '<=', options.dueBy ?? now)
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
    .returningAll()
    .execute();
  return rows
    .map((r) => ({ id: String(r.id), contactId: r.contact_id, version: r.version, effects: r.effects as unknown as Effect[], step: r.step, outputs: r.outputs as unknown as Record<string, string>, attempts: r.attempts }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** Records finished steps in the caller's transaction, each item's lease renewed `until` (see HandoffLedger.outboxSteps). */
export async function recordSteps(trx: Transaction<LedgerDatabase>, portal: string, steps: Parameters<HandoffLedger['outboxSteps']>[0], until: Date): Promise<void> {
  for (const { item, step, outputs, produced, resolved } of steps) {
    await trx.updateTable('outbox').set({ step, outputs: JSON.stringify(outputs), leased_until: until }).where('id', '=', item.id).execute();
    // What the outbox created belongs to the recorded results (a replay answers with it) and, for
    // the follow-up task, to the handoff (so the next change closes it). A step that made nothing
    // (a property write) changes neither.
    if (produced) {
      await trx
        .updateTable('delivery')
        .set({ result: sql`result || ${JSON.stringify(outputs)}::jsonb` as never })
        .where('portal_id', '=', portal)
        .where('outbox_id', '=', item.id)
        .execute();
    }
    if (resolved) {
      // Wherever the handoff still holds the pending id (a later change may have moved on from it).
      await trx
        .updateTable('handoff')
        .set({ record: sql`jsonb_set(record, '{taskId}', to_jsonb(${resolved.id}::text))` as never })
        .where('portal_id', '=', portal)
        .where('contact_id', '=', item.contactId)
        .where(sql`record->>'taskId'`, '=', resolved.placeholder)
        .execute();
    }
  }
}

export async function markDone(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('outbox').set({ done_at: at, leased_until: null, last_error: null }).where('id', 'in', [...ids]).execute();
}

/** A failed attempt: tried again after `retryInMs`, or parked when it is undefined. */
export async function markFailed(db: Db, id: string, error: string, retryInMs: number | undefined, now: Date): Promise<void> {
  const next = new Date(now.getTime() + (retryInMs ?? PARKED_MS));
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: retryInMs === undefined ? `${PARKED}${error}` : error, next_attempt_at: next, leased_until: null }))
    .where('id', '=', id)
    .execute();
}

/** Puts parked items (all, or these ids) back in line, due `now`; resolves to how many. */
export async function retryParked(db: Db, portal: string, ids: readonly string[] | undefined, now: Date): Promise<number> {
  if (ids && !ids.length) return 0;
  let q = db.updateTable('outbox').set({ next_attempt_at: now, last_error: null, leased_until: null }).where('portal_id', '=', portal).where('done_at', 'is', null).where('last_error', 'like', `${PARKED}%`);
  if (ids) q = q.where('id', 'in', [...ids]);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function status(db: Db, portal: string): Promise<OutboxStatus> {
  const rows = await db.selectFrom('outbox').select(['id', 'contact_id', 'attempts', 'last_error']).where('portal_id', '=', portal).where('done_at', 'is', null).orderBy('id').execute();
  const parked = rows.filter((r) => isParked(r.last_error)).map((r) => ({ id: String(r.id), contactId: r.contact_id, error: r.last_error!.slice(PARKED.length) }));
  return { pending: rows.length, retrying: rows.filter((r) => r.attempts > 0 && !isParked(r.last_error)).length, parked };
}
