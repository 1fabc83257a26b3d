import { sql, type Kysely } from 'kysely';

/**
 * Each outbox step that produces something (a task, a note) records it on the delivery it answers,
 * found by its outbox item. Without an index that was a scan of every delivery ever recorded, once
 * per step: the cost of a write grew with the ledger's age.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index delivery_outbox on delivery (portal_id, outbox_id) where outbox_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index delivery_outbox`.execute(db);
}
