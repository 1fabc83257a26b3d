import { sql, type Kysely, type Transaction } from 'kysely';
import type { Effect, HandoffLedger, OutboxItem, OutboxStatus } from './ledger.js';
import type { LedgerDatabase } from './schema.js';

// The outbox's SQL (table outbox): what HubSpot must be told after a commit, in order per contact,
// leased by a worker, each step's output recorded as it lands, retried or parked.

type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;


export async function enqueue(trx: Transaction<LedgerDatabase>, portal: string, contactId: string, version: number, effects: Effect[], at: Date): Promise<string> {
  const row = await trx
    .insertInto('outbox')
    .values({ portal_id: portal, contact_id: contactId, version, effects: JSON.stringify(effects), step: 0, outputs: '{}', attempts: 0, next_attempt_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * Leases, in order, items that are due, not leased and not parked, each the oldest pending item of
 * its contact (see HandoffLedger.leaseOutbox). The filters apply before the limit: a lease is never
 * filled by items that cannot run, so other contacts' work always moves.
 */
export async function lease(db: Db, portal: string, options: Parameters<HandoffLedger['leaseOutbox']>[0], now: Date): Promise<OutboxItem[]> {
  const until = new Date(now.getTime() + options.leaseMs);
  const runnable = db
    .selectFrom('outbox as o')
    .select('o.id')
    .where('o.portal_id', '=', portal)
    .where('o.done_at', 'is', null)
    .where('o.parked_at', 'is', null)
    .where('o.next_attempt_at', '<=', options.dueBy ?? now)
    .where((eb) => eb.or([eb('o.leased_until', 'is', null), eb('o.leased_until', '<', now)]))
    .$if(options.contactId !== undefined, (q) => q.where('o.contact_id', '=', options.contactId!))
    .$if(options.contactIds !== undefined, (q) => q.where('o.contact_id', 'in', options.contactIds!.length ? [...options.contactIds!] : ['']))
    .$if((options.except?.length ?? 0) > 0, (q) => q.where('o.contact_id', 'not in', [...options.except!]))
    // Only each contact's oldest pending item (a parked one included): a later write never lands before an earlier one.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox as e').select('e.id').whereRef('e.portal_id', '=', 'o.portal_id').whereRef('e.contact_id', '=', 'o.contact_id').where('e.done_at', 'is', null).whereRef('e.id', '<', 'o.id'))))
    .orderBy('o.id')
    .limit(options.limit)
    .forUpdate()
    .skipLocked();
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ leased_until: until, step_tries: eb('step_tries', '+', 1) }))
    .where('id', 'in', runnable)
    .returningAll()
    .execute();
  return rows
    .map((r) => ({ id: String(r.id), contactId: r.contact_id, version: r.version, effects: r.effects as unknown as Effect[], step: r.step, outputs: r.outputs as unknown as Record<string, string>, attempts: r.attempts, stepTries: r.step_tries }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Records finished steps, each item's lease renewed `until` (see HandoffLedger.outboxSteps), in one
 * statement however many items. Their outputs are what a delivery's result is read with (see
 * `deliveryResults`), and a handoff whose record names the follow-up task by its pending id
 * (sqlHandoffRecord): the item's row is the one written.
 */
export async function recordSteps(db: Db, portal: string, steps: Parameters<HandoffLedger['outboxSteps']>[0], at: Date, until: Date): Promise<void> {
  if (!steps.length) return;
  // The next step is tried once so far, by this lease; an item whose last step this was is done (as markDone leaves it).
  // One JSON parameter, not four an item (a batch's 400 bound one by one on PGlite: 6.3 ms, 4.9 ms as one JSON).
  const items = JSON.stringify(steps.map((s) => ({ id: s.item.id, step: s.step, outputs: s.outputs, done: s.done === true })));
  // One statement however many items, so one round trip and all of it or none.
  await sql`update outbox as o set step = v.step, outputs = v.outputs, step_tries = 1,
      leased_until = case when v.done then null else ${until}::timestamptz end,
      done_at = case when v.done then ${at}::timestamptz else o.done_at end,
      last_error = case when v.done then null else o.last_error end
    from jsonb_to_recordset(${items}::jsonb) as v(id bigint, step int, outputs jsonb, done boolean) where o.portal_id = ${portal} and o.id = v.id`.execute(db);
}

/** A delivery's result with its item's step outputs over it (`d` the delivery, `o` its outbox item). */
export const mergedResult = sql<Record<string, unknown>>`d.result || coalesce(o.outputs, '{}'::jsonb)`;

/**
 * The portal's deliveries, each result read with what its outbox item created since (a task's id,
 * a note's, a Lead's: the item's outputs) merged in: a replay answers with them. Recorded on the
 * item alone, a step writes one row, not the delivery's as well (a list import's step records
 * rewrote 100 deliveries a batch).
 */
export function deliveryResults(db: Db, portal: string) {
  return db
    .selectFrom('delivery as d')
    .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select(['d.key', 'd.contact_id', mergedResult.as('result')])
    .where('d.portal_id', '=', portal);
}

export async function markDone(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('outbox').set({ done_at: at, leased_until: null, last_error: null }).where('id', 'in', [...ids]).execute();
}

/** A failed attempt: tried again after `retryInMs`, or parked (until a person retries it) when it is undefined. */
export async function markFailed(db: Db, id: string, error: string, retryInMs: number | undefined, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, leased_until: null, ...(retryInMs === undefined ? { parked_at: now } : { next_attempt_at: new Date(now.getTime() + retryInMs) }) }))
    .where('id', '=', id)
    .execute();
}

/** Puts parked items (all, or these ids) back in line, due `now`; resolves to how many. */
export async function retryParked(db: Db, portal: string, ids: readonly string[] | undefined, now: Date): Promise<number> {
  if (ids && !ids.length) return 0;
  let q = db.updateTable('outbox').set({ next_attempt_at: now, last_error: null, leased_until: null, parked_at: null }).where('portal_id', '=', portal).where('done_at', 'is', null).where('parked_at', 'is not', null);
  if (ids) q = q.where('id', 'in', [...ids]);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function status(db: Db, portal: string): Promise<OutboxStatus> {
  const rows = await db.selectFrom('outbox').select(['id', 'contact_id', 'attempts', 'last_error', 'parked_at']).where('portal_id', '=', portal).where('done_at', 'is', null).orderBy('id').execute();
  const parked = rows.filter((r) => r.parked_at !== null).map((r) => ({ id: String(r.id), contactId: r.contact_id, error: r.last_error ?? '' }));
  return { pending: rows.length, retrying: rows.filter((r) => r.attempts > 0 && r.parked_at === null).length, parked };
}
