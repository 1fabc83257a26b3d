import { sql, type Kysely, type Selectable } from 'kysely';
import type { Account, AccountLookup } from '../domain/accounts/index.js';
import type { LedgerDatabase } from './schema.js';

// The account index's SQL (table account): the portal's companies as matching reads them, written
// in one multi-row statement per page or webhook batch, found by domain, stem, name or id.

type Row = Selectable<LedgerDatabase['account']>;
/** The columns matching reads of an entry: every lookup selects these, and fromRow reads them. */
const COLUMNS = ['company_id', 'name', 'name_key', 'name_words', 'domains', 'domain_stems', 'owner_id', 'country', 'size', 'contacts', 'changed_at'] as const;

const toRow = (portal: string, a: Account, at: Date) => ({
  portal_id: portal,
  company_id: a.companyId,
  name: a.name,
  name_key: a.nameKey,
  name_words: sql<string[]>`${sql.val(a.nameWords)}::text[]` as unknown as string[],
  domains: sql<string[]>`${sql.val(a.domains)}::text[]` as unknown as string[],
  domain_stems: sql<string[]>`${sql.val(a.domainStems)}::text[]` as unknown as string[],
  owner_id: a.ownerId ?? null,
  country: a.country ?? null,
  size: a.size ?? null,
  contacts: a.contacts,
  changed_at: a.changedAt,
  indexed_at: at,
});

const fromRow = (r: Pick<Row, (typeof COLUMNS)[number]>): Account => ({
  companyId: r.company_id,
  name: r.name,
  nameKey: r.name_key,
  nameWords: r.name_words,
  domains: r.domains,
  domainStems: r.domain_stems,
  ...(r.owner_id ? { ownerId: r.owner_id } : {}),
  ...(r.country ? { country: r.country } : {}),
  ...(r.size !== null ? { size: r.size } : {}),
  contacts: r.contacts,
  changedAt: new Date(r.changed_at).toISOString(),
});

/** Writes companies into the index (new ones added, known ones replaced) in one statement. */
export async function upsertAccounts(db: Kysely<LedgerDatabase>, portal: string, accounts: readonly Account[], at: Date): Promise<void> {
  if (!accounts.length) return;
  const unique = [...new Map(accounts.map((a) => [a.companyId, a])).values()];
  await db
    .insertInto('account')
    .values(unique.map((a) => toRow(portal, a, at)))
    .onConflict((oc) =>
      oc.columns(['portal_id', 'company_id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_key: eb.ref('excluded.name_key'),
        name_words: eb.ref('excluded.name_words'),
        domains: eb.ref('excluded.domains'),
        domain_stems: eb.ref('excluded.domain_stems'),
        owner_id: eb.ref('excluded.owner_id'),
        country: eb.ref('excluded.country'),
        size: eb.ref('excluded.size'),
        contacts: eb.ref('excluded.contacts'),
        changed_at: eb.ref('excluded.changed_at'),
        indexed_at: eb.ref('excluded.indexed_at'),
      })),
    )
    .execute();
}

export async function removeAccounts(db: Kysely<LedgerDatabase>, portal: string, companyIds: readonly string[]): Promise<number> {
  if (!companyIds.length) return 0;
  const r = await db.deleteFrom('account').where('portal_id', '=', portal).where('company_id', 'in', [...companyIds]).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The companies a lead could belong to: by id, registrable domain, domain stem, normalised name or a distinctive name word. */
export async function accountCandidates(db: Kysely<LedgerDatabase>, portal: string, q: AccountLookup, limit: number): Promise<Account[]> {
  const arr = (values: readonly string[]) => sql<string[]>`${sql.val([...values])}::text[]`;
  const any = [
    q.companyIds.length ? sql<boolean>`company_id = any(${arr(q.companyIds)})` : undefined,
    q.domains.length ? sql<boolean>`domains && ${arr(q.domains)}` : undefined,
    q.stems.length ? sql<boolean>`domain_stems && ${arr(q.stems)}` : undefined,
    q.nameKey ? sql<boolean>`name_key = ${q.nameKey}` : undefined,
    q.nameWords.length ? sql<boolean>`name_words && ${arr(q.nameWords)}` : undefined,
  ].filter((x) => x !== undefined);
  if (!any.length) return [];
  const rows = await db
    .selectFrom('account')
    .select([...COLUMNS])
    .where('portal_id', '=', portal)
    .where(sql<boolean>`(${sql.join(any, sql` or `)})`)
    .orderBy('company_id')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

/**
 * The candidates of many lookups in one statement: each lookup's own query (the same predicate,
 * order and limit as accountCandidates) run as a lateral subquery over the lookups' list, so a
 * batch's hundred leads cost one round trip and each lead sees exactly what it would alone. Each
 * of the predicate's parts is its own indexed probe (the primary key, the GIN indexes), united;
 * an empty part is skipped before it touches an index (GIN reads a whole index for an empty array).
 * The probes read whole rows, kept once each: joined back to the table by id instead, the planner
 * scanned the whole index once a lead (24 ms for a batch of 33 leads over 774 companies). A lookup
 * names at most one company (the lead's associated one): probed by equality it takes the primary
 * key; as `= any(ids)` the planner guessed ten ids and scanned the table instead, once a lead
 * (2 ms of a batch's 3 ms over 774 companies, EXPLAIN ANALYZE).
 * The domain and stem probes are asked once for the whole batch (every domain, every stem of its
 * lookups), and each lookup picks its own from those few rows: probed a lookup at a time with an
 * array the planner cannot see, both engines scanned the whole table for each lead that gives a
 * domain (a burst's batch of 50 over 774 companies: 26 scans, 5.6 of the statement's 5.9 ms on
 * PostgreSQL, auto_explain; asked once, the statement's mean over the same bursts fell from 4.5 to
 * 0.9 ms). A lookup's rows are the same: whatever matches one of its domains matches one of the
 * batch's.
 */
export async function accountCandidatesMany(db: Kysely<LedgerDatabase>, portal: string, lookups: readonly AccountLookup[], limit: number): Promise<Account[][]> {
  if (!lookups.length) return [];
  // The lookups go as one JSON parameter, not six a lookup: PGlite serialises and binds each of a
  // batch's 600 parameters one by one (a list import's batch of 100: 9.5 ms, 8.3 ms as one JSON).
  const list = JSON.stringify(lookups.map((q, i) => ({ i, ids: q.companyIds, domains: q.domains, stems: q.stems, name_key: q.nameKey ?? null, words: q.nameWords })));
  // The portal's accounts, read as fromRow reads them; `also`: a from-item the condition reads beside them.
  const probe = (where: ReturnType<typeof sql>, also?: ReturnType<typeof sql>) => sql`select ${sql.raw(COLUMNS.join(', '))} from account${also ? sql`, ${also}` : sql``} where portal_id = ${portal} and ${where}`;
  // Every domain (or stem) of the batch's lookups at once.
  const batchProbe = (column: 'domains' | 'domain_stems', field: 'domains' | 'stems') =>
    probe(sql`cardinality(w.a) > 0 and ${sql.raw(column)} && w.a`, sql`(select array(select distinct unnest(l.${sql.raw(field)}) from l) as a) w`);
  const { rows } = await sql<Row & { i: number }>`
    with l as materialized (
      select * from jsonb_to_recordset(${list}::jsonb) as l(i int, ids text[], domains text[], stems text[], name_key text, words text[])
    ),
    by_domain as materialized (${batchProbe('domains', 'domains')}),
    by_stem as materialized (${batchProbe('domain_stems', 'stems')})
    select l.i, c.*
    from l
    cross join lateral (
      select distinct on (m.company_id) m.* from (
        ${probe(sql`cardinality(l.ids) > 0 and company_id = l.ids[1]`)}
        union all ${probe(sql`cardinality(l.ids) > 1 and company_id = any(l.ids[2:])`)}
        union all select * from by_domain where cardinality(l.domains) > 0 and domains && l.domains
        union all select * from by_stem where cardinality(l.stems) > 0 and domain_stems && l.stems
        union all ${probe(sql`l.name_key is not null and name_key = l.name_key`)}
        union all ${probe(sql`cardinality(l.words) > 0 and name_words && l.words`)}
      ) m order by m.company_id limit ${limit}
    ) c`.execute(db);
  const out: Account[][] = lookups.map(() => []);
  for (const r of rows) out[Number(r.i)]!.push(fromRow(r));
  for (const list of out) list.sort((x, y) => (x.companyId < y.companyId ? -1 : x.companyId > y.companyId ? 1 : 0));
  return out;
}

export async function indexStatus(db: Kysely<LedgerDatabase>, portal: string): Promise<{ companies: number; filledAt?: Date }> {
  const [count, run] = await Promise.all([
    db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).where('portal_id', '=', portal).executeTakeFirstOrThrow(),
    db.selectFrom('account_index_run').select('finished_at').where('portal_id', '=', portal).executeTakeFirst(),
  ]);
  return { companies: Number(count.n), ...(run ? { filledAt: run.finished_at } : {}) };
}

/**
 * Records a whole fill of the index, and drops what it no longer found (companies deleted while no
 * webhook came). Then the planner's statistics for the table are refreshed: a fill writes it
 * wholesale, and until they are (PGlite never does it by itself, PostgreSQL's autovacuum when it
 * gets round to it) a batch's lookup is planned as if the index held a couple of companies, and
 * scans all of them for every lead instead of probing the indexes.
 */
export async function finishFill(db: Kysely<LedgerDatabase>, portal: string, startedAt: Date, companies: number, at: Date): Promise<number> {
  const gone = await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('account').where('portal_id', '=', portal).where('indexed_at', '<', startedAt).executeTakeFirst();
    await trx
      .insertInto('account_index_run')
      .values({ portal_id: portal, companies, finished_at: at })
      .onConflict((oc) => oc.column('portal_id').doUpdateSet({ companies, finished_at: at }))
      .execute();
    return Number(gone.numDeletedRows);
  });
  await sql`analyze account`.execute(db);
  return gone;
}
