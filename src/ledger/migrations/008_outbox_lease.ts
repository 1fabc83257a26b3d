import { sql, type Kysely } from 'kysely';

/**
 * A parked outbox item (HubSpot refused it for good) carries its own state, `parked_at`, instead
 * of a prefix on its last error and a next attempt a century away; and the lease looks among the
 * items that are due, not leased and not parked (outbox_due), so parked, leased or backing-off
 * items never fill a lease and starve every other contact's retries. `step_tries` counts the
 * leases that tried the current step: above one, an earlier attempt may have created what this
 * step creates (a task, a note) before it could record it, and the outbox looks for it first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('parked_at', 'timestamptz').execute();
  await db.schema.alterTable('outbox').addColumn('step_tries', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update outbox set parked_at = coalesce(leased_until, created_at), last_error = substr(last_error, 9), next_attempt_at = created_at where done_at is null and last_error like 'parked: %'`.execute(db);
  await sql`create index outbox_due on outbox (portal_id, next_attempt_at, id) where done_at is null and parked_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index outbox_due`.execute(db);
  await sql`update outbox set last_error = 'parked: ' || coalesce(last_error, ''), next_attempt_at = now() + interval '100 years' where parked_at is not null and done_at is null`.execute(db);
  await db.schema.alterTable('outbox').dropColumn('parked_at').execute();
  await db.schema.alterTable('outbox').dropColumn('step_tries').execute();
}
