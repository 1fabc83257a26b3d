import { sql, type Kysely, type Transaction } from 'kysely';
import type { HandoffRecord } from '../domain/index.js';
import { LedgerConflict, type Delivery, type LedgerChange } from './ledger.js';
import { handoffRow, recordFromJson, recordToJson } from './recordJson.js';
import type { LedgerDatabase } from './schema.js';

// A batch of changes (a list import's routing: up to 100 leads) written with one multi-row
// statement per table, not a dozen statements a lead: the reads of the batch's handoffs and
// deliveries in one statement each, then the outbox, the deliveries, the handoffs (a guarded
// update for those the ledger has, an insert for the new), the timeline, the assignments and the
// SLA timers. The same on PostgreSQL and PGlite. Any change the ledger would refuse on its own
// (the handoff moved on, the delivery already recorded) refuses the batch: nothing is half-written.

type Trx = Transaction<LedgerDatabase>;

/** The batch's handoffs, locked for the transaction (those the ledger has not seen are absent). */
export async function readHandoffs(trx: Trx, portal: string, contactIds: readonly string[]): Promise<Map<string, HandoffRecord>> {
  if (!contactIds.length) return new Map();
  const rows = await trx.selectFrom('handoff').select(['contact_id', 'record', 'version']).where('portal_id', '=', portal).where('contact_id', 'in', [...new Set(contactIds)]).forUpdate().execute();
  return new Map(rows.map((r) => [r.contact_id, { ...recordFromJson(r.record), version: r.version }]));
}

/** The deliveries already recorded under any of these keys. */
export async function readDeliveries(trx: Trx | Kysely<LedgerDatabase>, portal: string, keys: readonly string[]): Promise<Map<string, Delivery>> {
  if (!keys.length) return new Map();
  const rows = await trx.selectFrom('delivery').select(['key', 'contact_id', 'result']).where('portal_id', '=', portal).where('key', 'in', [...new Set(keys)]).execute();
  return new Map(rows.map((r) => [r.key, { key: r.key, contactId: r.contact_id, result: r.result as unknown as Record<string, unknown> }]));
}

/** Writes every change of a batch, one statement a table; resolves to each change's outbox item id, in order. */
export async function commitBatch(trx: Trx, portal: string, changes: readonly LedgerChange[], at: Date): Promise<string[]> {
  if (!changes.length) return [];
  const contacts = changes.map((c) => c.contactId);
  if (new Set(contacts).size !== contacts.length) throw new Error('a batch commits one change a contact');
  for (const c of changes) if (c.record.version !== c.fromVersion + 1) throw new Error(`a change must move the version on by one (from ${c.fromVersion} to ${c.record.version})`);

  const queued = await trx
    .insertInto('outbox')
    .values(changes.map((c) => ({ portal_id: portal, contact_id: c.contactId, version: c.record.version, effects: JSON.stringify(c.effects), step: 0, outputs: '{}', attempts: 0, next_attempt_at: at, created_at: at })))
    .returning(['id', 'contact_id'])
    .execute();
  const outboxOf = new Map(queued.map((r) => [r.contact_id, String(r.id)]));

  const delivered = await trx
    .insertInto('delivery')
    .values(changes.map((c) => ({ portal_id: portal, key: c.delivery.key, contact_id: c.contactId, result: JSON.stringify(c.delivery.result), outbox_id: outboxOf.get(c.contactId)!, at })))
    .onConflict((oc) => oc.columns(['portal_id', 'key']).doNothing())
    .returning('contact_id')
    .execute();
  if (delivered.length !== changes.length) throw new LedgerConflict('duplicate', changes.find((c) => !delivered.some((d) => d.contact_id === c.contactId))!.contactId);

  await compareAndSetAll(trx, portal, changes, at);

  const events = changes.flatMap((c) => c.events.map((e) => ({ portal_id: portal, contact_id: c.contactId, version: c.record.version, at: e.at, event: e.event, owner_id: e.ownerId ?? null, policy_version: e.policyVersion, entry: JSON.stringify(e) })));
  if (events.length) await trx.insertInto('timeline').values(events).execute();

  const assignments = changes.flatMap((c) =>
    c.assignment ? [{ portal_id: portal, contact_id: c.contactId, owner_id: c.assignment.ownerId, rule_id: c.assignment.ruleId ?? null, policy_version: c.record.policyVersion ?? '', at: c.record.routedAt ?? at, why: c.assignment.why, source: c.assignment.source }] : [],
  );
  if (assignments.length) await trx.insertInto('assignment').values(assignments).execute();

  const timers = changes.filter((c) => c.slaTimerAt);
  if (timers.length) {
    await trx
      .insertInto('sla_timer')
      .values(timers.map((c) => ({ portal_id: portal, contact_id: c.contactId, due_at: c.slaTimerAt!, version: c.record.version, queued_at: null })))
      .onConflict((oc) => oc.columns(['portal_id', 'contact_id']).doUpdateSet((eb) => ({ due_at: eb.ref('excluded.due_at'), version: eb.ref('excluded.version'), queued_at: null })))
      .execute();
  }
  const cleared = changes.filter((c) => c.slaTimerAt === null).map((c) => c.contactId);
  if (cleared.length) await trx.deleteFrom('sla_timer').where('portal_id', '=', portal).where('contact_id', 'in', cleared).execute();

  return changes.map((c) => outboxOf.get(c.contactId)!);
}

/**
 * The compare-and-set of the whole batch: the handoffs the ledger has, updated in one statement
 * guarded by the version each decision read; the new ones inserted in one. Every row must land.
 */
async function compareAndSetAll(trx: Trx, portal: string, changes: readonly LedgerChange[], at: Date): Promise<void> {
  const existing = new Set(
    (
      await trx
        .selectFrom('handoff')
        .select('contact_id')
        .where('portal_id', '=', portal)
        .where('contact_id', 'in', changes.map((c) => c.contactId))
        .execute()
    ).map((r) => r.contact_id),
  );
  const fresh = changes.filter((c) => !existing.has(c.contactId));
  if (fresh.length) {
    const inserted = await trx
      .insertInto('handoff')
      .values(fresh.map((c) => handoffRow(portal, c.record, at)))
      .onConflict((oc) => oc.columns(['portal_id', 'contact_id']).doNothing())
      .returning('contact_id')
      .execute();
    if (inserted.length !== fresh.length) throw new LedgerConflict('moved', fresh.find((c) => !inserted.some((r) => r.contact_id === c.contactId))!.contactId);
  }
  const moved = changes.filter((c) => existing.has(c.contactId));
  if (!moved.length) return;
  const rows = sql.join(moved.map((c) => sql`(${c.contactId}::text, ${c.fromVersion}::int, ${c.record.version}::int, ${c.record.state}::text, ${c.record.ownerId ?? null}::text, ${recordToJson(c.record)}::jsonb)`));
  const { rows: updated } = await sql<{ contact_id: string }>`
    update handoff as h set version = v.version, state = v.state, owner_id = v.owner_id, record = v.record, updated_at = ${at}
    from (values ${rows}) as v(contact_id, from_version, version, state, owner_id, record)
    where h.portal_id = ${portal} and h.contact_id = v.contact_id and h.version = v.from_version
    returning h.contact_id`.execute(trx);
  if (updated.length !== moved.length) throw new LedgerConflict('moved', moved.find((c) => !updated.some((r) => r.contact_id === c.contactId))!.contactId);
}
