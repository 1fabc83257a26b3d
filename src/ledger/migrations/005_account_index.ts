import { sql, type Kysely } from 'kysely';

/**
 * The account index: each company of the portal as lead-to-account matching needs it (names
 * normalised, registrable domains, owner, country, size), filled by paged list reads at install
 * and kept fresh by company webhooks and the reconcile sweep. Routing reads it, never search.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('portal_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** The name normalised (case, accents, punctuation, "the", company-type words): an exact match is a strong signal. */
    .addColumn('name_key', 'text', (c) => c.notNull())
    /** The normalised name's words: candidates for a fuzzy match share one. */
    .addColumn('name_words', sql`text[]`, (c) => c.notNull())
    /** Registrable domains of the company's domain and website (sales.acme.ie is acme.ie). */
    .addColumn('domains', sql`text[]`, (c) => c.notNull())
    /** Those domains without their public suffix (acme for acme.ie and acme.co.uk): sibling country domains share one. */
    .addColumn('domain_stems', sql`text[]`, (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('country', 'text')
    .addColumn('size', 'integer')
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    /** When HubSpot last changed the company (hs_lastmodifieddate): a tie-breaker. */
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_pkey', ['portal_id', 'company_id'])
    .execute();
  await sql`create index account_domains on account using gin (domains)`.execute(db);
  await sql`create index account_domain_stems on account using gin (domain_stems)`.execute(db);
  await sql`create index account_name_words on account using gin (name_words)`.execute(db);

  // When each portal's index was last filled whole (install, or a rebuild).
  await db.schema
    .createTable('account_index_run')
    .addColumn('portal_id', 'text', (c) => c.primaryKey())
    .addColumn('companies', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_index_run').execute();
  await db.schema.dropTable('account').execute();
}
