import { sql, type Kysely } from 'kysely';

/** The first schema: handoffs, assignments, deliveries, the timeline, the outbox and reconciliation findings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handoff')
    .addColumn('contact_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handoff_state_owner').on('handoff').columns(['state', 'owner_id']).execute();

  await db.schema
    .createTable('assignment')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  // Routing reads (owner, at) over the look-back: a covering index, so the table is never scanned.
  await sql`create index assignment_at on assignment (at) include (owner_id)`.execute(db);
  await db.schema.createIndex('assignment_contact').on('assignment').columns(['contact_id', 'id']).execute();

  await db.schema
    .createTable('delivery')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('outbox_id', 'bigint')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('timeline')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('entry', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timeline_contact').on('timeline').columns(['contact_id', 'id']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('effects', 'jsonb', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outputs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('leased_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index outbox_pending on outbox (contact_id, id) where done_at is null`.execute(db);

  await db.schema
    .createTable('reconciliation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reconciliation', 'outbox', 'timeline', 'delivery', 'assignment', 'handoff']) await db.schema.dropTable(table).execute();
}
