import { sql, type Kysely, type Transaction } from 'kysely';
import type { HandoffRecord } from '../domain/index.js';
import type { RoutingLoad } from '../domain/index.js';
import { LedgerConflict, type Delivery, type Effect, type LedgerChange, type LedgerTx, type OutboxItem } from './ledger.js';
import { handoffRow, recordFromJson, recordToJson } from './recordJson.js';
import { handoffRecords } from './sqlHandoffRecord.js';
import { setTimer } from './sqlSlaTimers.js';
import * as outbox from './sqlOutbox.js';
import * as batch from './sqlBatchCommit.js';
import type { LedgerDatabase } from './schema.js';

// One ledger transaction of one portal (LedgerTx): the handoff locked and read, the routing lock and
// load, and the commit of a change (compare-and-set, delivery, timeline, assignment, timer, outbox).

type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

/** The lock every routing takes (pg_advisory_xact_lock): an owner's load is shared by every pool, so routings are ordered portal-wide. */
const ROUTING_LOCK = 0x4841_4e44; // "HAND"

export class SqlLedgerTx implements LedgerTx {
  /** The handoffs this transaction read or wrote (and so locked), each with whether the ledger had it: a batch commit writes each the one way it can land. */
  private readonly held = new Map<string, boolean>();

  constructor(
    private readonly trx: Transaction<LedgerDatabase>,
    private readonly portal: string,
    /** The ledger's wall clock: when a row was written (never a portal's simulated clock). */
    private readonly wall: () => Date,
  ) {}

  delivery(key: string): Promise<Delivery | undefined> {
    return readDelivery(this.trx, this.portal, key);
  }

  handoff(contactId: string): Promise<HandoffRecord | undefined> {
    return readHandoff(this.trx, this.portal, contactId, true);
  }

  /** One lock per portal: a portal's routings are ordered; another portal's never wait for them. */
  async lockRouting(): Promise<void> {
    await sql`select pg_advisory_xact_lock(${ROUTING_LOCK}, hashtext(${this.portal}))`.execute(this.trx);
  }

  async routingLoad(windowStarts: readonly Date[], now: Date): Promise<RoutingLoad> {
    const open = await this.trx.selectFrom('handoff').select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')]).where('portal_id', '=', this.portal).where('state', '=', 'routed').where('owner_id', 'is not', null).groupBy('owner_id').execute();
    const openHandoffs: Record<string, number> = {};
    for (const r of open) openHandoffs[r.owner_id!] = Number(r.n);
    // The earliest window start is the look-back's: the assignments routing can count.
    const since = new Date(Math.min(...windowStarts.map((s) => s.getTime())));
    // Counted in the database (one pass over the look-back's index range), not listed.
    const counts = windowStarts.map((s, i) => sql<string>`count(*) filter (where at >= ${s} and at <= ${now})`.as(`c${i}`));
    const rows = (await this.trx
      .selectFrom('assignment')
      .select((eb) => ['owner_id', eb.fn.max(sql<Date>`case when at <= ${now} then at end`).as('last'), ...counts])
      .where('portal_id', '=', this.portal)
      .where('at', '>=', since)
      .groupBy('owner_id')
      .execute()) as unknown as ({ owner_id: string; last: Date | null } & Record<string, string>)[];
    const assignmentTallies = windowStarts.map((s, i) => {
      const byOwner: Record<string, { count: number; last: string }> = {};
      for (const r of rows) if (r.last) byOwner[r.owner_id] = { count: Number(r[`c${i}`]), last: new Date(r.last).toISOString() };
      return { since: s.toISOString(), byOwner };
    });
    return { openHandoffs, assignmentTallies };
  }

  async commit(change: LedgerChange): Promise<{ outboxId: string }> {
    const at = this.wall();
    if (change.record.version !== change.fromVersion + 1) throw new Error(`a change must move the version on by one (from ${change.fromVersion} to ${change.record.version})`);
    const delivered = await this.trx
      .insertInto('delivery')
      .values({ portal_id: this.portal, key: change.delivery.key, contact_id: change.contactId, result: JSON.stringify(change.delivery.result), outbox_id: null, at })
      .onConflict((oc) => oc.columns(['portal_id', 'key']).doNothing())
      .returning('key')
      .execute();
    if (!delivered.length) throw new LedgerConflict('duplicate', change.contactId);
    if (!(await compareAndSet(this.trx, this.portal, change, at))) throw new LedgerConflict('moved', change.contactId);
    for (const event of change.events) {
      await this.trx
        .insertInto('timeline')
        .values({ portal_id: this.portal, contact_id: change.contactId, version: change.record.version, at: event.at, event: event.event, owner_id: event.ownerId ?? null, policy_version: event.policyVersion, entry: JSON.stringify(event) })
        .execute();
    }
    if (change.assignment) {
      const a = change.assignment;
      await this.trx
        .insertInto('assignment')
        .values({ portal_id: this.portal, contact_id: change.contactId, owner_id: a.ownerId, rule_id: a.ruleId ?? null, policy_version: change.record.policyVersion ?? '', at: change.record.routedAt ?? at, why: a.why, source: a.source })
        .execute();
    }
    if (change.slaTimerAt !== undefined) await setTimer(this.trx, this.portal, change.contactId, change.record.version, change.slaTimerAt);
    const outboxId = await outbox.enqueue(this.trx, this.portal, change.contactId, change.record.version, change.effects, at);
    await this.trx.updateTable('delivery').set({ outbox_id: outboxId }).where('portal_id', '=', this.portal).where('key', '=', change.delivery.key).execute();
    // The handoff is the ledger's now, written (and locked) by this transaction.
    this.held.set(change.contactId, true);
    return { outboxId };
  }

  async handoffs(contactIds: readonly string[]): Promise<Map<string, HandoffRecord>> {
    const found = await batch.readHandoffs(this.trx, this.portal, contactIds);
    for (const id of contactIds) this.held.set(id, found.has(id));
    return found;
  }

  deliveries(keys: readonly string[]): Promise<Map<string, Delivery>> {
    return batch.readDeliveries(this.trx, this.portal, keys);
  }

  async commitBatch(changes: readonly LedgerChange[], options: { leaseMs?: number } = {}): Promise<{ outboxIds: string[]; leased: OutboxItem[] }> {
    const written = await batch.commitBatch(this.trx, this.portal, changes, this.wall(), options.leaseMs, this.held);
    // Each handoff is the ledger's now, written (and locked) by this transaction.
    for (const c of changes) this.held.set(c.contactId, true);
    return written;
  }

  async project(contactId: string, version: number, effects: Effect[]): Promise<void> {
    await outbox.enqueue(this.trx, this.portal, contactId, version, effects, this.wall());
  }

  async setSlaTimer(contactId: string, version: number, at: Date | null, options: { ifMissing?: boolean } = {}): Promise<void> {
    await setTimer(this.trx, this.portal, contactId, version, at, options.ifMissing);
  }
}

/** The compare-and-set in one statement: an update guarded by the version read, or an insert for a handoff new to the ledger. */
async function compareAndSet(trx: Transaction<LedgerDatabase>, portal: string, change: LedgerChange, at: Date): Promise<boolean> {
  const r = change.record;
  const exists = await trx.selectFrom('handoff').select('version').where('portal_id', '=', portal).where('contact_id', '=', change.contactId).executeTakeFirst();
  if (!exists) {
    const inserted = await trx
      .insertInto('handoff')
      .values(handoffRow(portal, r, at))
      .onConflict((oc) => oc.columns(['portal_id', 'contact_id']).doNothing())
      .returning('contact_id')
      .execute();
    return inserted.length === 1;
  }
  const updated = await trx
    .updateTable('handoff')
    .set({ version: r.version, state: r.state, owner_id: r.ownerId ?? null, record: recordToJson(r), updated_at: at })
    .where('portal_id', '=', portal)
    .where('contact_id', '=', change.contactId)
    .where('version', '=', change.fromVersion)
    .returning('contact_id')
    .execute();
  return updated.length === 1;
}

export async function readHandoff(db: Db, portal: string, contactId: string, forUpdate: boolean): Promise<HandoffRecord | undefined> {
  const q = handoffRecords(db, portal).select('h.version').where('h.contact_id', '=', contactId);
  const row = await (forUpdate ? q.forUpdate('h') : q).executeTakeFirst();
  return row ? { ...recordFromJson(row.record), version: row.version } : undefined;
}

export async function readDelivery(db: Db, portal: string, key: string): Promise<Delivery | undefined> {
  const row = await outbox.deliveryResults(db, portal).where('d.key', '=', key).executeTakeFirst();
  return row ? { key: row.key, contactId: row.contact_id, result: row.result } : undefined;
}

