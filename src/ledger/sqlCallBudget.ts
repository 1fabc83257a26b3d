import { sql, type Kysely } from 'kysely';
import type { LedgerDatabase } from './schema.js';

/**
 * Reserves a slot for one HubSpot call in the budget every instance serving the portal shares (table
 * hubspot_call_slot), and says how long to wait for it (ms). A rolling window as HubSpot counts: at
 * most `calls` slots in any `windowMs`, timed by the database's clock, so instances on different
 * machines agree. `steady`: a later page of a long read, spaced a window's share after the call
 * before it. One statement: the function `handoff_reserve_call_slot` (migration 009) takes the
 * budget's lock for the portal and kind, and reads, records and forgets slots under it.
 */
export async function reserveCallSlot(db: Kysely<LedgerDatabase>, portal: string, kind: string, limit: { calls: number; windowMs: number }, steady: boolean): Promise<number> {
  const { rows } = await sql<{ wait: number }>`select handoff_reserve_call_slot(${portal}, ${kind}, ${limit.calls}::int, ${limit.windowMs}::float8, ${steady}) as wait`.execute(db);
  return Number(rows[0]!.wait);
}
