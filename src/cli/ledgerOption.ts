import { resolve } from 'node:path';
import { ledgerConfigFromEnv, openLedger } from '../ledger/openLedger.js';
import type { SqlLedger } from '../ledger/sqlLedger.js';
import { CliExit, type CliIO } from './io.js';

/**
 * The ledger the environment names (HANDOFF_DATABASE_URL, else PGlite in HANDOFF_DATA_DIR or
 * .handoff/ledger under the working directory), migrated unless `migrate` is false; or why it
 * could not be opened on stderr and exit 1.
 */
export async function openLedgerOrExit(io: CliIO, migrate = true): Promise<SqlLedger> {
  try {
    const ledger = await openLedger({ ...ledgerConfigFromEnv(io.env ?? {}, resolve(io.cwd, '.handoff/ledger')), migrate });
    // Tools that run without a token (db status, jobs) read the portal a ledger serves when it serves one.
    if (migrate) await ledger.useSolePortal();
    return ledger;
  } catch (e) {
    io.err(`the ledger could not be opened: ${(e as Error).message}`);
    throw new CliExit(1);
  }
}
