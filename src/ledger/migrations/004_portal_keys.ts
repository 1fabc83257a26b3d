import { sql, type Kysely } from 'kysely';

/**
 * Every row keyed by its HubSpot portal as well, so one database can hold several portals'
 * ledgers without mixing them, and the portals the ledger serves. Rows written before are
 * stamped '' here, then with the portal of the token the first server runs with (claimPortal).
 */
/** The tables whose primary key gains the portal, and the column it was alone. */
const KEYS = [
  ['handoff', 'contact_id'],
  ['delivery', 'key'],
  ['sla_timer', 'contact_id'],
  ['policy_version', 'version'],
] as const;

const KEYED = ['handoff', 'assignment', 'delivery', 'timeline', 'outbox', 'reconciliation', 'sla_timer', 'policy_version', 'hubspot_call_slot'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal')
    .addColumn('portal_id', 'text', (c) => c.primaryKey())
    .addColumn('account_type', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    /** When HubSpot's open handoffs were adopted into the ledger (once, at install), and how many. */
    .addColumn('adopted_at', 'timestamptz')
    .addColumn('adopted', 'integer')
    .execute();
  for (const table of KEYED) await sql`alter table ${sql.table(table)} add column portal_id text not null default ''`.execute(db);

  // Primary keys: a contact id, a delivery key or a policy version is unique within its portal only.
  for (const [table, columns] of KEYS) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add primary key (portal_id, ${sql.id(columns)})`.execute(db);
  }

  // Every index leads with the portal, so a portal's reads never scan another's rows.
  for (const name of ['handoff_state_owner', 'assignment_at', 'assignment_contact', 'timeline_contact', 'outbox_pending', 'hubspot_call_slot_kind_at', 'sla_timer_due']) await sql`drop index ${sql.id(name)}`.execute(db);
  await sql`create index handoff_state_owner on handoff (portal_id, state, owner_id)`.execute(db);
  await sql`create index assignment_at on assignment (portal_id, at) include (owner_id)`.execute(db);
  await sql`create index assignment_contact on assignment (portal_id, contact_id, id)`.execute(db);
  await sql`create index timeline_contact on timeline (portal_id, contact_id, id)`.execute(db);
  await sql`create index outbox_pending on outbox (portal_id, contact_id, id) where done_at is null`.execute(db);
  await sql`create index hubspot_call_slot_kind_at on hubspot_call_slot (portal_id, kind, at_ms)`.execute(db);
  await sql`create index sla_timer_due on sla_timer (portal_id, due_at) where queued_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['handoff_state_owner', 'assignment_at', 'assignment_contact', 'timeline_contact', 'outbox_pending', 'hubspot_call_slot_kind_at', 'sla_timer_due']) await sql`drop index ${sql.id(name)}`.execute(db);
  for (const [table, columns] of KEYS) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${sql.table(table)} add primary key (${sql.id(columns)})`.execute(db);
  }
  for (const table of KEYED) await sql`alter table ${sql.table(table)} drop column portal_id`.execute(db);
  await sql`create index handoff_state_owner on handoff (state, owner_id)`.execute(db);
  await sql`create index assignment_at on assignment (at) include (owner_id)`.execute(db);
  await sql`create index assignment_contact on assignment (contact_id, id)`.execute(db);
  await sql`create index timeline_contact on timeline (contact_id, id)`.execute(db);
  await sql`create index outbox_pending on outbox (contact_id, id) where done_at is null`.execute(db);
  await sql`create index hubspot_call_slot_kind_at on hubspot_call_slot (kind, at_ms)`.execute(db);
  await sql`create index sla_timer_due on sla_timer (due_at) where queued_at is null`.execute(db);
  await db.schema.dropTable('portal').execute();
}
