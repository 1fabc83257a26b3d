import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type LogEvent, type Migration } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { LedgerEngine } from './ledger.js';
import { migrationProvider } from './migrations/index.js';
import { PGliteOnThread } from './pgliteOnThread.js';
import type { LedgerDatabase } from './schema.js';
import { SqlLedger } from './sqlLedger.js';

export interface LedgerConfig {
  /** PostgreSQL connection string (HANDOFF_DATABASE_URL): production, and any number of instances on one database. */
  databaseUrl?: string;
  /** PGlite's data directory when no database URL is given; "memory" for a throwaway one. */
  dataDir?: string;
  /** A PGlite data directory dump to start from (tests: a migrated ledger in a fraction of initdb's time). */
  loadDataDir?: Blob;
  /** Run pending migrations (default true). */
  migrate?: boolean;
  /** The migrations (tests pass a failing one). */
  migrations?: Record<string, Migration>;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Sees every statement the ledger runs (and pg-boss through it), with how long it took: the benchmarks count the ledger's work. */
  onStatement?: (ms: number) => void;
  /** The ledger's wall clock for what it stamps itself (leases, retry times, when a row was written); default the system's. */
  wall?: () => Date;
}

/** Raised when the ledger's schema cannot be brought up to date: the server must not start. */
export class LedgerMigrationFailed extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`the ledger's migration ${migration ?? '(unknown)'} failed, so the previous schema is kept and Handoff will not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'LedgerMigrationFailed';
  }
}

/** The configuration from the environment: HANDOFF_DATABASE_URL, else PGlite under `.handoff/ledger` (HANDOFF_DATA_DIR overrides). */
export function ledgerConfigFromEnv(env: Readonly<Record<string, string | undefined>>, defaultDataDir = '.handoff/ledger'): LedgerConfig {
  if (env.HANDOFF_DATABASE_URL) return { databaseUrl: env.HANDOFF_DATABASE_URL };
  return { dataDir: env.HANDOFF_DATA_DIR ?? defaultDataDir };
}

/** Opens the ledger on its engine and brings its schema up to date (two instances starting at once migrate once). */
export async function openLedger(config: LedgerConfig): Promise<SqlLedger> {
  const { db, engine, execScript } = connect(config);
  const migrator = new Migrator({ db, provider: migrationProvider(config.migrations) });
  if (config.migrate !== false) {
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      await db.destroy();
      throw new LedgerMigrationFailed(failed, error);
    }
  }
  return new SqlLedger(db, engine, migrator, config.wall, execScript);
}

function connect(config: LedgerConfig): { db: Kysely<LedgerDatabase>; engine: LedgerEngine; execScript?: (text: string) => Promise<unknown[]> } {
  const seen = config.onStatement;
  const log = seen ? { log: (e: LogEvent) => void (e.level === 'query' && seen(e.queryDurationMillis)) } : {};
  if (config.databaseUrl) {
    // JIT off: the ledger's statements are short, but a batch's multi-row statements cross
    // PostgreSQL's jit_above_cost, and compiling one took 20-30 ms to save none (measured on the
    // account-candidates read of a batch of 100: 85 ms with JIT, 2.6 ms without).
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10, options: '-c jit=off' });
    // An idle client's error (the database restarted) must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    return { db: new Kysely<LedgerDatabase>({ dialect: new PostgresDialect({ pool }), ...log }), engine: { name: 'postgresql', where: redact(config.databaseUrl) } };
  }
  const dir = config.dataDir ?? 'memory';
  if (dir !== 'memory') mkdirSync(dir, { recursive: true });
  const pglite = new PGliteOnThread({ dataDir: dir === 'memory' ? undefined : dir, loadDataDir: config.loadDataDir });
  // The dialect asks its PGlite for `query` and `close` only, which the thread's end answers alike.
  const dialect = new PGliteDialect(pglite as unknown as PGlite);
  return { db: new Kysely<LedgerDatabase>({ dialect, ...log }), engine: { name: 'pglite', where: dir }, execScript: (text) => pglite.exec(text) };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql (unparseable URL)';
  }
}
