import type { Migration, MigrationProvider } from 'kysely';
import * as ledger001 from './001_ledger.js';

/** The ledger's migrations, in order: versioned in code, run on start and by `handoff db migrate`. */
export const MIGRATIONS: Record<string, Migration> = {
  '001_ledger': ledger001,
};

export const migrationProvider = (migrations: Record<string, Migration> = MIGRATIONS): MigrationProvider => ({ getMigrations: async () => migrations });
