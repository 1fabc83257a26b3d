import { sql, type Kysely } from 'kysely';

/**
 * A handoff's record and an outbox item's effects are 2-3 KB of JSON: just past the 2 KB at which
 * PostgreSQL compresses a row's long values, so every routing paid for compressing each one with
 * pglz as it wrote it, and again each time the outbox recorded a step or the task's id (a list
 * import's costliest statement). Where the server has lz4 (PostgreSQL 14+ built with it, as
 * Debian's is) these columns compress with lz4, several times cheaper; where it has not (PGlite),
 * rows up to a page (8 KB) stay inline and uncompressed: more bytes on disk, far less work a write.
 */
const COLUMNS = [
  ['handoff', 'record'],
  ['outbox', 'effects'],
  ['outbox', 'outputs'],
  ['delivery', 'result'],
] as const;

async function hasLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`select coalesce((select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'), false) as lz4`.execute(db);
  return rows[0]?.lz4 === true;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (await hasLz4(db)) {
    for (const [table, column] of COLUMNS) await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression lz4`.execute(db);
    return;
  }
  for (const table of new Set(COLUMNS.map(([t]) => t))) await sql`alter table ${sql.table(table)} set (toast_tuple_target = 8160)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await hasLz4(db)) {
    for (const [table, column] of COLUMNS) await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression default`.execute(db);
    return;
  }
  for (const table of new Set(COLUMNS.map(([t]) => t))) await sql`alter table ${sql.table(table)} reset (toast_tuple_target)`.execute(db);
}
