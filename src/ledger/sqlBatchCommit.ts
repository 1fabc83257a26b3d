import { sql, type Kysely, type Transaction } from 'kysely';
import type { HandoffRecord } from '../domain/index.js';
import { LedgerConflict, type Delivery, type LedgerChange, type OutboxItem } from './ledger.js';
import { recordFromJson } from './recordJson.js';
import { handoffRecords } from './sqlHandoffRecord.js';
import { deliveryResults } from './sqlOutbox.js';
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
  const rows = await handoffRecords(trx, portal).select(['h.contact_id', 'h.version']).where('h.contact_id', 'in', [...new Set(contactIds)]).forUpdate('h').execute();
  return new Map(rows.map((r) => [r.contact_id, { ...recordFromJson(r.record), version: r.version }]));
}

/** The deliveries already recorded under any of these keys. */
export async function readDeliveries(trx: Trx | Kysely<LedgerDatabase>, portal: string, keys: readonly string[]): Promise<Map<string, Delivery>> {
  if (!keys.length) return new Map();
  const rows = await deliveryResults(trx, portal).where('d.key', 'in', [...new Set(keys)]).execute();
  return new Map(rows.map((r) => [r.key, { key: r.key, contactId: r.contact_id, result: r.result }]));
}

/**
 * Writes every change of a batch in one statement: data-modifying CTEs over the batch's rows, sent
 * as one JSON parameter each (cheap to build, parsed once by the database): the outbox items, the
 * deliveries (pointing at their items), the handoffs (a guarded update for those the ledger has,
 * an insert for the new: `held` says which is which for the handoffs this transaction read, so
 * neither part scans the handoffs for the other's rows), the timeline, the assignments and the SLA timers. It answers which
 * deliveries and handoffs landed; a change the ledger would refuse refuses the batch (the caller's
 * transaction rolls back). Resolves to each change's outbox item id, in order, and, given
 * `leaseMs`, the items leased as they were written.
 */
export async function commitBatch(trx: Trx, portal: string, changes: readonly LedgerChange[], at: Date, leaseMs?: number, held: ReadonlyMap<string, boolean> = new Map()): Promise<{ outboxIds: string[]; leased: OutboxItem[] }> {
  if (!changes.length) return { outboxIds: [], leased: [] };
  const contacts = changes.map((c) => c.contactId);
  if (new Set(contacts).size !== contacts.length) throw new Error('a batch commits one change a contact');
  for (const c of changes) if (c.record.version !== c.fromVersion + 1) throw new Error(`a change must move the version on by one (from ${c.fromVersion} to ${c.record.version})`);

  const rows = changes.map((c, i) => ({
    i,
    contact_id: c.contactId,
    from_version: c.fromVersion,
    version: c.record.version,
    state: c.record.state,
    owner_id: c.record.ownerId ?? null,
    record: c.record,
    effects: c.effects,
    key: c.delivery.key,
    result: c.delivery.result,
    timer_at: c.slaTimerAt ?? null,
    timer_clear: c.slaTimerAt === null,
    // Whether the ledger had the handoff when this transaction read it (and locked it); null: not read here.
    held: held.get(c.contactId) ?? null,
  }));
  const events = changes.flatMap((c) => c.events.map((e) => ({ contact_id: c.contactId, version: c.record.version, at: e.at, event: e.event, owner_id: e.ownerId ?? null, policy_version: e.policyVersion, entry: e }))).map((e, n) => ({ ...e, n }));
  const assignments = changes.flatMap((c) =>
    c.assignment ? [{ contact_id: c.contactId, owner_id: c.assignment.ownerId, rule_id: c.assignment.ruleId ?? null, policy_version: c.record.policyVersion ?? '', at: c.record.routedAt ?? at, why: c.assignment.why, source: c.assignment.source }] : [],
  ).map((a, n) => ({ ...a, n }));
  // Leased as they are written (when asked, and only where the contact has nothing older pending):
  // the caller tells HubSpot at once, without a lease statement of its own.
  const until = leaseMs === undefined ? null : new Date(at.getTime() + leaseMs);
  const { rows: landed } = await sql<{ outboxed: string[] | null; leased: string[] | null; delivered: string[] | null; handoffs: string[] | null }>`
    with r as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(i int, contact_id text, from_version int, version int, state text, owner_id text, record jsonb, effects jsonb, key text, result jsonb, timer_at timestamptz, timer_clear boolean, held boolean)
    ),
    o as (
      insert into outbox (portal_id, contact_id, version, effects, step, outputs, attempts, next_attempt_at, created_at, leased_until, step_tries)
      select ${portal}, contact_id, version, effects, 0, '{}'::jsonb, 0, ${at}, ${at}, case when l.free then ${until}::timestamptz end, case when l.free then 1 else 0 end
      -- One probe of the pending index a contact (a hashed scan of every pending item would read them all).
      from r cross join lateral (select ${until}::timestamptz is not null and (select count(*) from (select 1 from outbox e where e.portal_id = ${portal} and e.contact_id = r.contact_id and e.done_at is null limit 1) p) = 0 as free) l
      order by i
      returning id, contact_id, leased_until is not null as leased
    ),
    d as (
      insert into delivery (portal_id, key, contact_id, result, outbox_id, at)
      select ${portal}, r.key, r.contact_id, r.result, o.id, ${at} from r join o on o.contact_id = r.contact_id
      on conflict (portal_id, key) do nothing
      returning contact_id
    ),
    u as (
      update handoff h set version = r.version, state = r.state, owner_id = r.owner_id, record = r.record, updated_at = ${at}
      from r where h.portal_id = ${portal} and h.contact_id = r.contact_id and h.version = r.from_version and r.held is not false
      returning h.contact_id
    ),
    n as (
      insert into handoff (portal_id, contact_id, version, state, owner_id, record, updated_at)
      select ${portal}, r.contact_id, r.version, r.state, r.owner_id, r.record, ${at} from r
      where r.held is false or (r.held is null and not exists (select 1 from handoff h where h.portal_id = ${portal} and h.contact_id = r.contact_id))
      on conflict (portal_id, contact_id) do nothing
      returning contact_id
    ),
    t as (
      insert into timeline (portal_id, contact_id, version, at, event, owner_id, policy_version, entry)
      select ${portal}, x.contact_id, x.version, x.at, x.event, x.owner_id, x.policy_version, x.entry
      from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as x(n int, contact_id text, version int, at timestamptz, event text, owner_id text, policy_version text, entry jsonb) order by x.n
      returning 1
    ),
    a as (
      insert into assignment (portal_id, contact_id, owner_id, rule_id, policy_version, at, why, source)
      select ${portal}, x.contact_id, x.owner_id, x.rule_id, x.policy_version, x.at, x.why, x.source
      from jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) as x(n int, contact_id text, owner_id text, rule_id text, policy_version text, at timestamptz, why text, source text) order by x.n
      returning 1
    ),
    s as (
      insert into sla_timer (portal_id, contact_id, due_at, version, queued_at)
      select ${portal}, contact_id, timer_at, version, null from r where timer_at is not null
      on conflict (portal_id, contact_id) do update set due_at = excluded.due_at, version = excluded.version, queued_at = null
      returning 1
    ),
    c as (
      delete from sla_timer st using r where st.portal_id = ${portal} and st.contact_id = r.contact_id and r.timer_clear
      returning 1
    )
    select
      (select array_agg(o.id::text order by r.i) from o join r on r.contact_id = o.contact_id) as outboxed,
      (select array_agg(o.id::text) from o where o.leased) as leased,
      (select array_agg(contact_id) from d) as delivered,
      (select array_agg(contact_id) from (select contact_id from u union all select contact_id from n) h) as handoffs`.execute(trx);
  const { outboxed, leased, delivered, handoffs } = landed[0]!;
  const missing = (got: string[] | null) => {
    const seen = new Set(got ?? []);
    return contacts.find((id) => !seen.has(id));
  };
  const duplicate = missing(delivered);
  if (duplicate) throw new LedgerConflict('duplicate', duplicate);
  const moved = missing(handoffs);
  if (moved) throw new LedgerConflict('moved', moved);
  const outboxIds = outboxed ?? [];
  const taken = new Set(leased ?? []);
  return {
    outboxIds,
    leased: changes.flatMap((c, i) => (taken.has(outboxIds[i]!) ? [{ id: outboxIds[i]!, contactId: c.contactId, version: c.record.version, effects: c.effects, step: 0, outputs: {}, attempts: 0, stepTries: 1 }] : [])),
  };
}
