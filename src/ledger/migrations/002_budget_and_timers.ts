import { sql, type Kysely } from 'kysely';

/**
 * The shared HubSpot call budget (every instance reserves its calls' slots here) and the SLA
 * timers (each open handoff's next check, due on the handlers' clock).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hubspot_call_slot')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'float8', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hubspot_call_slot_kind_at').on('hubspot_call_slot').columns(['kind', 'at_ms']).execute();

  await db.schema
    .createTable('sla_timer')
    .addColumn('contact_id', 'text', (c) => c.primaryKey())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** When a worker handed it to the work queue (null: waiting for its instant). */
    .addColumn('queued_at', 'timestamptz')
    .execute();
  await sql`create index sla_timer_due on sla_timer (due_at) where queued_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sla_timer').execute();
  await db.schema.dropTable('hubspot_call_slot').execute();
}
