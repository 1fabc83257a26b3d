import { sql, type Kysely, type Transaction } from 'kysely';
import type { HandoffRecord } from '../domain/index.js';
import { recordFromJson } from './recordJson.js';
import { handoffRecords } from './sqlHandoffRecord.js';
import type { LedgerDatabase } from './schema.js';

// The SLA timers' SQL (table sla_timer): each open handoff's next check, due on the handlers' clock.

type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

/** Sets the handoff's next SLA check (null: none left, the timer is removed); `ifMissing` leaves an existing one as it is. */
export async function setTimer(trx: Transaction<LedgerDatabase>, portal: string, contactId: string, version: number, at: Date | null, ifMissing = false): Promise<void> {
  if (!at) {
    if (!ifMissing) await trx.deleteFrom('sla_timer').where('portal_id', '=', portal).where('contact_id', '=', contactId).execute();
    return;
  }
  await trx
    .insertInto('sla_timer')
    .values({ portal_id: portal, contact_id: contactId, due_at: at, version, queued_at: null })
    .onConflict((oc) => (ifMissing ? oc.columns(['portal_id', 'contact_id']).doNothing() : oc.columns(['portal_id', 'contact_id']).doUpdateSet({ due_at: at, version, queued_at: null })))
    .execute();
}

/** Timers whose instant has come and that are not yet in the work queue, soonest first. */
export async function dueTimers(db: Db, portal: string, now: Date, limit: number): Promise<{ contactId: string; dueAt: Date; version: number }[]> {
  const rows = await db.selectFrom('sla_timer').select(['contact_id', 'due_at', 'version']).where('portal_id', '=', portal).where('queued_at', 'is', null).where('due_at', '<=', now).orderBy('due_at').limit(limit).execute();
  return rows.map((r) => ({ contactId: r.contact_id, dueAt: r.due_at, version: r.version }));
}

/** Marks timers as in the work queue, only if still set to the same instant (a change meanwhile set a new one). */
export async function markQueued(trx: Transaction<LedgerDatabase>, portal: string, timers: readonly { contactId: string; dueAt: Date }[], at: Date): Promise<void> {
  for (const t of timers) await trx.updateTable('sla_timer').set({ queued_at: at }).where('portal_id', '=', portal).where('contact_id', '=', t.contactId).where('due_at', '=', t.dueAt).where('queued_at', 'is', null).execute();
}

/** How many timers wait for their instant and how many are in the queue, and the next one. */
export async function timerCounts(db: Db, portal: string): Promise<{ waiting: number; queued: number; next?: { contactId: string; dueAt: Date } }> {
  const [counts, next] = await Promise.all([
    db.selectFrom('sla_timer').select([sql<string>`count(*) filter (where queued_at is null)`.as('waiting'), sql<string>`count(*) filter (where queued_at is not null)`.as('queued')]).where('portal_id', '=', portal).executeTakeFirstOrThrow(),
    db.selectFrom('sla_timer').select(['contact_id', 'due_at']).where('portal_id', '=', portal).where('queued_at', 'is', null).orderBy('due_at').limit(1).executeTakeFirst(),
  ]);
  return { waiting: Number(counts.waiting), queued: Number(counts.queued), ...(next ? { next: { contactId: next.contact_id, dueAt: next.due_at } } : {}) };
}

/** Handoffs in these states with no timer, by contact id after `afterContactId`. */
export async function withoutTimer(db: Db, portal: string, states: readonly string[], afterContactId: string, limit: number): Promise<HandoffRecord[]> {
  const rows = await handoffRecords(db, portal)
    .leftJoin('sla_timer', (join) => join.onRef('sla_timer.contact_id', '=', 'h.contact_id').onRef('sla_timer.portal_id', '=', 'h.portal_id'))
    .select('h.version')
    .where('h.state', 'in', [...states])
    .where('sla_timer.contact_id', 'is', null)
    .where('h.contact_id', '>', afterContactId)
    .orderBy('h.contact_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...recordFromJson(r.record), version: r.version }));
}
