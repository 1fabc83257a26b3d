import { sql, type Kysely } from 'kysely';

/**
 * The agreement inside HubSpot: every activation of a policy version (from a file a server started
 * with, or a proposal its approvers approved), the proposals with their approvers' reviews, and
 * availability that managers and reps set on the policy page. The newest activation is what every
 * instance runs; a proposal records the activation it was made on, so one made on an older one is
 * stale. Each policy is kept as its text (what export writes) and as validated JSON (what a
 * policy given as an object, or a text a later schema reads differently, runs from).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_activation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'bigint')
    .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index policy_activation_portal on policy_activation (portal_id, id desc)`.execute(db);
  await db.schema
    .createTable('policy_proposal')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('based_on', 'bigint', (c) => c.notNull())
    .addColumn('based_on_version', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await sql`create index policy_proposal_portal on policy_proposal (portal_id, id desc)`.execute(db);
  await db.schema
    .createTable('policy_review')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'bigint', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index policy_review_proposal on policy_review (portal_id, proposal_id)`.execute(db);
  await db.schema
    .createTable('availability_setting')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('label', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('set_by_person', 'text', (c) => c.notNull())
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cleared_at', 'timestamptz')
    .addColumn('cleared_by', 'text')
    .execute();
  await sql`create index availability_setting_portal on availability_setting (portal_id, id) where cleared_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['availability_setting', 'policy_review', 'policy_proposal', 'policy_activation']) await db.schema.dropTable(table).execute();
}
