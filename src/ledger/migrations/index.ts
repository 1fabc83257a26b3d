import type { Migration, MigrationProvider } from 'kysely';
import * as ledger001 from './001_ledger.js';
import * as ledger002 from './002_budget_and_timers.js';
import * as ledger003 from './003_policy_versions.js';
import * as ledger004 from './004_portal_keys.js';
import * as ledger005 from './005_account_index.js';
import * as ledger006 from './006_delivery_outbox.js';
import * as ledger007 from './007_policy_agreement.js';
import * as ledger008 from './008_outbox_lease.js';
import * as ledger009 from './009_call_slot_function.js';
import * as ledger010 from './010_inline_json.js';
import * as ledger011 from './011_account_name_key.js';

/** The ledger's migrations, in order: versioned in code, run on start and by `handoff db migrate`. */
export const MIGRATIONS: Record<string, Migration> = {
  '001_ledger': ledger001,
  '002_budget_and_timers': ledger002,
  '003_policy_versions': ledger003,
  '004_portal_keys': ledger004,
  '005_account_index': ledger005,
  '006_delivery_outbox': ledger006,
  '007_policy_agreement': ledger007,
  '008_outbox_lease': ledger008,
  '009_call_slot_function': ledger009,
  '010_inline_json': ledger010,
  '011_account_name_key': ledger011,
};

export const migrationProvider = (migrations: Record<string, Migration> = MIGRATIONS): MigrationProvider => ({ getMigrations: async () => migrations });
