import pg from 'pg';
import { openLedger } from '../../src/ledger/openLedger.js';
import type { SqlLedger } from '../../src/ledger/sqlLedger.js';

/**
 * The ledger tests run on: PGlite in memory by default; PostgreSQL when HANDOFF_TEST_DATABASE_URL
 * names a server (CI sets it), each test file in a database of its own, dropped at the end.
 * One ledger per test file, emptied for each test by `freshLedger`.
 */
export const TEST_DATABASE_URL = process.env.HANDOFF_TEST_DATABASE_URL;
export const TEST_ENGINE = TEST_DATABASE_URL ? 'postgresql' : 'pglite';

let shared: Promise<{ ledger: SqlLedger; drop: () => Promise<void> }> | undefined;

/** A database of this file's own on the test server (PostgreSQL only). */
export async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `handoff_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function open(): Promise<{ ledger: SqlLedger; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) return { ledger: await openLedger({ dataDir: 'memory' }), drop: async () => undefined };
  const db = await scratchDatabase(TEST_DATABASE_URL);
  return { ledger: await openLedger({ databaseUrl: db.url, poolSize: 20 }), drop: db.drop };
}

/** This file's ledger, emptied. */
export async function freshLedger(): Promise<SqlLedger> {
  shared ??= open();
  const { ledger } = await shared;
  await ledger.eraseAll();
  return ledger;
}

afterAll(async () => {
  if (!shared) return;
  const { ledger, drop } = await shared;
  shared = undefined;
  await ledger.close();
  await drop();
});
