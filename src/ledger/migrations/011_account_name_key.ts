import { sql, type Kysely } from 'kysely';

/**
 * Lead-to-account matching probes the account index by a company's exact name (its key) for every
 * lead that names one. No index served that probe: each lead scanned every account of the portal,
 * a hundred scans for a webhook batch of 100 leads (the plan of a list import's batch, EXPLAIN on
 * PGlite: a sequential scan of the account table beside the other probes' index scans).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index account_name_key on account (portal_id, name_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index account_name_key`.execute(db);
}
