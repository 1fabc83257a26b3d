import { sql, type Transaction } from 'kysely';
import type { LedgerDatabase } from './schema.js';

/** The lock class of the shared HubSpot call budget (one lock per kind of call). */
const CALL_BUDGET_LOCK = 0x4342; // "CB"

/**
 * Reserves a slot for one HubSpot call in the budget every instance serving the portal shares (table
 * hubspot_call_slot), inside `trx`, and says how long to wait for it (ms). A rolling window as
 * HubSpot counts: at most `calls` slots in any `windowMs`, timed by the database's clock, so
 * instances on different machines agree. `steady`: a later page of a long read, spaced a window's
 * share after the call before it.
 */
export async function reserveCallSlot(trx: Transaction<LedgerDatabase>, portal: string, kind: string, limit: { calls: number; windowMs: number }, steady: boolean): Promise<number> {
  await sql`select pg_advisory_xact_lock(${CALL_BUDGET_LOCK}, hashtext(${`${portal}:${kind}`}))`.execute(trx);
  const now = Number((await sql<{ now: number }>`select extract(epoch from clock_timestamp()) * 1000 as now`.execute(trx)).rows[0]!.now);
  const recent = await trx.selectFrom('hubspot_call_slot').select('at_ms').where('portal_id', '=', portal).where('kind', '=', kind).orderBy('at_ms', 'desc').limit(limit.calls).execute();
  const last = recent[0]?.at_ms ?? -Infinity;
  const oldest = recent.length >= limit.calls ? recent[limit.calls - 1]!.at_ms : -Infinity;
  const at = Math.max(now, oldest + limit.windowMs, steady ? last + limit.windowMs / limit.calls : -Infinity);
  await trx.insertInto('hubspot_call_slot').values({ portal_id: portal, kind, at_ms: at }).execute();
  await trx.deleteFrom('hubspot_call_slot').where('portal_id', '=', portal).where('kind', '=', kind).where('at_ms', '<', now - 2 * limit.windowMs).execute();
  return at - now;
}
