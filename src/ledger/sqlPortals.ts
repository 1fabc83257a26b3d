import { sql, type Kysely } from 'kysely';
import type { HandoffRecord, Portal, PortalType } from '../domain/index.js';
import { LedgerBelongsToAnotherPortal, type LedgerPortal } from './ledger.js';
import { handoffRow } from './recordJson.js';
import type { LedgerDatabase } from './schema.js';

// The portals' SQL (table portal): which HubSpot portals a database serves, the claim that stamps a
// ledger with its first one, and the open handoffs a portal brought with it at install.

/** Every table whose rows belong to a portal. */
const PORTAL_KEYED = ['handoff', 'assignment', 'delivery', 'timeline', 'outbox', 'reconciliation', 'sla_timer', 'policy_version', 'hubspot_call_slot', 'account'] as const;

/**
 * Records the portal as served by this database, in one transaction (see HandoffLedger.claimPortal):
 * resolves to whether it stamped a ledger of no portal, or throws LedgerBelongsToAnotherPortal.
 */
export async function claim(db: Kysely<LedgerDatabase>, portal: Portal, addPortal: boolean, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom('portal').selectAll().orderBy('first_seen_at').execute();
    const details = { account_type: portal.type, time_zone: portal.timeZone, currency: portal.currency, last_seen_at: at };
    if (known.some((p) => p.portal_id === portal.id)) {
      await trx.updateTable('portal').set(details).where('portal_id', '=', portal.id).execute();
      return false;
    }
    if (known.length && !addPortal) throw new LedgerBelongsToAnotherPortal(known.map((p) => ({ id: p.portal_id, type: p.account_type as PortalType })), portal);
    await trx.insertInto('portal').values({ portal_id: portal.id, ...details, first_seen_at: at }).execute();
    // The first portal of a ledger written before portals were recorded: its rows are this portal's.
    if (!known.length) for (const table of PORTAL_KEYED) await sql`update ${sql.table(table)} set portal_id = ${portal.id} where portal_id = ''`.execute(trx);
    return !known.length;
  });
}

export async function list(db: Kysely<LedgerDatabase>): Promise<LedgerPortal[]> {
  const rows = await db.selectFrom('portal').selectAll().orderBy('first_seen_at').execute();
  return rows.map((r) => ({ id: r.portal_id, type: r.account_type as PortalType, timeZone: r.time_zone, currency: r.currency, firstSeenAt: r.first_seen_at }));
}

/** Takes open handoffs into the ledger with their assignments; one it already has stays. Resolves to how many were new. */
export async function adopt(db: Kysely<LedgerDatabase>, portal: string, records: readonly HandoffRecord[], at: Date): Promise<number> {
  if (!records.length) return 0;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('handoff')
      .values(records.map((r) => handoffRow(portal, r, at)))
      .onConflict((oc) => oc.columns(['portal_id', 'contact_id']).doNothing())
      .returning('contact_id')
      .execute();
    const fresh = new Set(inserted.map((r) => r.contact_id));
    const assigned = records.filter((r) => fresh.has(r.contactId) && r.ownerId && r.routedAt);
    if (assigned.length) {
      await trx
        .insertInto('assignment')
        .values(assigned.map((r) => ({ portal_id: portal, contact_id: r.contactId, owner_id: r.ownerId!, rule_id: r.routingRuleId ?? null, policy_version: r.policyVersion ?? '', at: r.routedAt!, why: 'open in HubSpot when Handoff was installed (adopted)', source: 'route' })))
        .execute();
    }
    return fresh.size;
  });
}

export async function adoption(db: Kysely<LedgerDatabase>, portal: string): Promise<{ at: Date; adopted: number } | undefined> {
  const row = await db.selectFrom('portal').select(['adopted_at', 'adopted']).where('portal_id', '=', portal).executeTakeFirst();
  return row?.adopted_at ? { at: row.adopted_at, adopted: row.adopted ?? 0 } : undefined;
}

export async function markAdopted(db: Kysely<LedgerDatabase>, portal: string, adopted: number, at: Date): Promise<void> {
  await db.updateTable('portal').set({ adopted_at: at, adopted }).where('portal_id', '=', portal).execute();
}
