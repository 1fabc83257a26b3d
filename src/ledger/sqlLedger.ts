import { CompiledQuery, sql, type Kysely, type Migrator } from 'kysely';
import type { EventSummary, HandoffRecord, PolicyInWords, Portal } from '../domain/index.js';
import { LedgerConflict, LedgerUnavailable, type LedgerPortal, type Delivery, type HandoffLedger, type LedgerEngine, type LedgerTx, type OutboxItem, type OutboxStatus, type TimelineEntry } from './ledger.js';
import { recordFromJson } from './recordJson.js';
import { handoffRecords } from './sqlHandoffRecord.js';
import { reserveCallSlot } from './sqlCallBudget.js';
import { dueTimers, markQueued, timerCounts, withoutTimer } from './sqlSlaTimers.js';
import { recordVersion, versions } from './sqlPolicyVersions.js';
import * as outbox from './sqlOutbox.js';
import * as accounts_ from './sqlAccounts.js';
import * as portals from './sqlPortals.js';
import { SqlPolicyAgreement } from './sqlPolicyAgreement.js';
import { readDelivery, readHandoff, SqlLedgerTx } from './sqlLedgerTx.js';
import { readDeliveries } from './sqlBatchCommit.js';
import type { Account, AccountLookup } from '../domain/accounts/index.js';
import type { LedgerDatabase } from './schema.js';

/** The lock class for setting things up once across instances (the work queue's schema). */
const STARTUP_LOCK = 0x5354; // "ST"
/** How many account index candidates one lead's matching reads. */
const CANDIDATES = 50;

/** The ledger over Kysely: the same SQL on PostgreSQL and on PGlite. */
export class SqlLedger implements HandoffLedger {
  /** The portal every read and write is scoped to ('' until a portal is claimed: a ledger no server ran on yet). */
  private scope = '';
  /** Whether close() ends the connection (false for a view of another portal on the same database). */
  private owner = true;

  get portalId(): string {
    return this.scope;
  }

  async claimPortal(portal: Portal, options: { addPortal?: boolean } = {}): Promise<{ stamped: boolean }> {
    const at = this.wall();
    const stamped = await guard(() => this.exclusively('portal-claim', () => portals.claim(this.db, portal, options.addPortal ?? false, at)));
    this.scope = portal.id;
    return { stamped };
  }

  portals(): Promise<LedgerPortal[]> {
    return guard(() => portals.list(this.db));
  }

  upsertAccounts(accounts: readonly Account[]): Promise<void> {
    return guard(() => accounts_.upsertAccounts(this.db, this.scope, accounts, this.wall()));
  }

  removeAccounts(companyIds: readonly string[]): Promise<number> {
    return guard(() => accounts_.removeAccounts(this.db, this.scope, companyIds));
  }

  accountCandidates(lookup: AccountLookup, limit = CANDIDATES): Promise<Account[]> {
    return guard(() => accounts_.accountCandidates(this.db, this.scope, lookup, limit));
  }

  accountCandidatesMany(lookups: readonly AccountLookup[], limit = CANDIDATES): Promise<Account[][]> {
    return guard(() => accounts_.accountCandidatesMany(this.db, this.scope, lookups, limit));
  }

  accountIndex(): Promise<{ companies: number; filledAt?: Date }> {
    return guard(() => accounts_.indexStatus(this.db, this.scope));
  }

  finishAccountFill(startedAt: Date, companies: number): Promise<number> {
    return guard(() => accounts_.finishFill(this.db, this.scope, startedAt, companies, this.wall()));
  }

  adoptHandoffs(records: readonly HandoffRecord[]): Promise<number> {
    return guard(() => portals.adopt(this.db, this.scope, records, this.wall()));
  }

  adoption(): Promise<{ at: Date; adopted: number } | undefined> {
    return guard(() => portals.adoption(this.db, this.scope));
  }

  markAdopted(adopted: number): Promise<void> {
    return guard(() => portals.markAdopted(this.db, this.scope, adopted, this.wall()));
  }

  /** The same database seen as another portal's ledger (closing it leaves the connection open). */
  forPortal(portalId: string): SqlLedger {
    const view = new SqlLedger(this.db, this.engine, this.migrator, this.wall, this.execScript);
    view.scope = portalId;
    view.owner = false;
    return view;
  }

  /** A ledger that serves one portal is that portal's, for tools that run without a token (db status, jobs). */
  async useSolePortal(): Promise<void> {
    if (this.scope) return;
    const all = await this.portals();
    if (all.length === 1) this.scope = all[0]!.id;
  }

  constructor(
    private readonly db: Kysely<LedgerDatabase>,
    readonly engine: LedgerEngine,
    private readonly migrator: Migrator,
    /** Wall-clock for leases and retry times (never the simulated clock a portal may run). */
    private readonly wall: () => Date = () => new Date(),
    /** PGlite's multi-statement exec (the work queue's schema scripts); PostgreSQL's simple protocol needs none. */
    private readonly execScript?: (text: string) => Promise<unknown[]>,
  ) {
    this.agreement = new SqlPolicyAgreement(db, () => this.scope, guard);
  }

  /** Policy activations, proposals and their reviews, and availability set in HubSpot. */
  readonly agreement: SqlPolicyAgreement;

  /** Raw SQL for the work queue (pg-boss), queued behind the ledger's own transactions on one connection. */
  async executeSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
    return guard(() =>
      this.db.connection().execute(async (conn) => {
        try {
          if (!values.length && this.execScript) return { rows: await this.execScript(text) };
          const r = await conn.executeQuery(CompiledQuery.raw(text, values));
          return { rows: r.rows as unknown[] };
        } catch (e) {
          // A script that failed inside its own BEGIN … COMMIT leaves the connection in an aborted
          // transaction: end it before the connection goes back to the pool (a no-op otherwise).
          if (!values.length) await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
          throw e;
        }
      }),
    );
  }

  /**
   * Runs `work` while holding a lock every instance on this database takes for the same purpose
   * (a session advisory lock on a connection of its own). On PGlite there is one process, and one
   * connection that `work` itself needs, so `work` just runs.
   */
  async exclusively<T>(purpose: string, work: () => Promise<T>): Promise<T> {
    if (this.engine.name === 'pglite') return work();
    return this.db.connection().execute(async (conn) => {
      await conn.executeQuery(CompiledQuery.raw('select pg_advisory_lock($1, hashtext($2))', [STARTUP_LOCK, purpose]));
      try {
        return await work();
      } finally {
        await conn.executeQuery(CompiledQuery.raw('select pg_advisory_unlock($1, hashtext($2))', [STARTUP_LOCK, purpose])).catch(() => undefined);
      }
    });
  }

  /** A slot for one HubSpot call in the budget every instance shares; resolves to the wait in ms. */
  async reserveHubSpotCall(kind: string, limit: { calls: number; windowMs: number }, steady: boolean): Promise<number> {
    return guard(() => reserveCallSlot(this.db, this.scope, kind, limit, steady));
  }

  dueSlaTimers(now: Date, limit: number): Promise<{ contactId: string; dueAt: Date; version: number }[]> {
    return guard(() => dueTimers(this.db, this.scope, now, limit));
  }

  async markSlaTimersQueued(timers: readonly { contactId: string; dueAt: Date }[]): Promise<void> {
    if (!timers.length) return;
    const at = this.wall();
    await guard(() => this.db.transaction().execute((trx) => markQueued(trx, this.scope, timers, at)));
  }

  slaTimers(): Promise<{ waiting: number; queued: number; next?: { contactId: string; dueAt: Date } }> {
    return guard(() => timerCounts(this.db, this.scope));
  }

  handoffsWithoutSlaTimer(states: readonly string[], afterContactId: string, limit: number): Promise<HandoffRecord[]> {
    return guard(() => withoutTimer(this.db, this.scope, states, afterContactId, limit));
  }

  async transaction<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T> {
    return guard(() => this.db.transaction().execute((trx) => work(new SqlLedgerTx(trx, this.scope, this.wall))));
  }

  handoff(contactId: string): Promise<HandoffRecord | undefined> {
    return guard(() => readHandoff(this.db, this.scope, contactId, false));
  }

  delivery(key: string): Promise<Delivery | undefined> {
    return guard(() => readDelivery(this.db, this.scope, key));
  }

  deliveries(keys: readonly string[]): Promise<Map<string, Delivery>> {
    return guard(() => readDeliveries(this.db, this.scope, keys));
  }

  async timeline(contactId: string, limit = 1000): Promise<TimelineEntry[]> {
    const rows = await guard(() => this.db.selectFrom('timeline').select(['entry', 'version']).where('portal_id', '=', this.scope).where('contact_id', '=', contactId).orderBy('id', 'desc').limit(limit).execute());
    return rows.map((r) => ({ ...(r.entry as unknown as EventSummary), version: r.version }));
  }

  async timelineCount(contactId: string): Promise<number> {
    const row = await guard(() => this.db.selectFrom('timeline').select((eb) => eb.fn.countAll<string>().as('n')).where('portal_id', '=', this.scope).where('contact_id', '=', contactId).executeTakeFirst());
    return Number(row?.n ?? 0);
  }

  leaseOutbox(options: { contactId?: string; contactIds?: readonly string[]; except?: readonly string[]; limit: number; leaseMs: number; dueBy?: Date }): Promise<OutboxItem[]> {
    return guard(() => outbox.lease(this.db, this.scope, options, this.wall()));
  }

  outboxSteps(steps: Parameters<HandoffLedger['outboxSteps']>[0], leaseMs: number): Promise<void> {
    if (!steps.length) return Promise.resolve();
    const now = this.wall();
    return guard(() => outbox.recordSteps(this.db, this.scope, steps, now, new Date(now.getTime() + leaseMs)));
  }

  outboxDone(id: string | readonly string[]): Promise<void> {
    return guard(() => outbox.markDone(this.db, typeof id === 'string' ? [id] : id, this.wall()));
  }

  outboxFailed(id: string, error: string, retryInMs: number | undefined): Promise<void> {
    return guard(() => outbox.markFailed(this.db, id, error, retryInMs, this.wall()));
  }

  outboxRetry(ids?: readonly string[]): Promise<number> {
    return guard(() => outbox.retryParked(this.db, this.scope, ids, this.wall()));
  }

  outboxStatus(): Promise<OutboxStatus> {
    return guard(() => outbox.status(this.db, this.scope));
  }

  async handoffsIn(states: readonly string[], afterContactId: string, limit: number, since?: Date): Promise<HandoffRecord[]> {
    const rows = await guard(() =>
      handoffRecords(this.db, this.scope)
        .where('h.state', 'in', [...states])
        .where('h.contact_id', '>', afterContactId)
        .$if(since !== undefined, (q) => q.where('h.updated_at', '>=', since!))
        .orderBy('h.contact_id')
        .limit(limit)
        .execute(),
    );
    return rows.map((r) => recordFromJson(r.record));
  }

  async handoffsMqlBetween(from: Date, to: Date, afterContactId: string, limit: number): Promise<HandoffRecord[]> {
    // Records keep instants as ISO strings in UTC, which sort as the instants do.
    const mqlAt = sql<string>`h.record->>'mqlAt'`;
    const rows = await guard(() =>
      handoffRecords(this.db, this.scope)
        .where('h.contact_id', '>', afterContactId)
        .where(mqlAt, '>=', from.toISOString())
        .where(mqlAt, '<', to.toISOString())
        .orderBy('h.contact_id')
        .limit(limit)
        .execute(),
    );
    return rows.map((r) => recordFromJson(r.record));
  }

  async contactOfLead(leadId: string): Promise<string | undefined> {
    // Lead deletions are rare: a scan of the deliveries that recorded a Lead is cheap enough.
    const row = await guard(() => outbox.deliveryResults(this.db, this.scope).where(sql`(${outbox.mergedResult})->>'leadId'`, '=', leadId).limit(1).executeTakeFirst());
    return row?.contact_id;
  }

  async hasPending(contactId: string): Promise<boolean> {
    const row = await guard(() => this.db.selectFrom('outbox').select('id').where('portal_id', '=', this.scope).where('contact_id', '=', contactId).where('done_at', 'is', null).limit(1).executeTakeFirst());
    return row !== undefined;
  }

  async reconcile(contactId: string, finding: string, detail: Record<string, unknown>, remove = false): Promise<void> {
    const at = this.wall();
    await guard(() =>
      this.db.transaction().execute(async (trx) => {
        await trx.insertInto('reconciliation').values({ portal_id: this.scope, contact_id: contactId, at, finding, detail: JSON.stringify(detail) }).execute();
        if (!remove) return;
        // Its timeline and assignments stay (they happened); it no longer counts as open load.
        await trx.deleteFrom('handoff').where('portal_id', '=', this.scope).where('contact_id', '=', contactId).execute();
        await trx.deleteFrom('sla_timer').where('portal_id', '=', this.scope).where('contact_id', '=', contactId).execute();
        await trx.updateTable('outbox').set({ done_at: at, last_error: `cancelled: ${finding}` }).where('portal_id', '=', this.scope).where('contact_id', '=', contactId).where('done_at', 'is', null).execute();
      }),
    );
  }

  recordPolicy(words: PolicyInWords, at: Date): Promise<void> {
    return guard(() => recordVersion(this.db, this.scope, words, at));
  }

  policyVersions(limit: number): Promise<{ version: string; words: PolicyInWords; firstSeenAt: Date }[]> {
    return guard(() => versions(this.db, this.scope, limit));
  }

  async reconciliations(limit: number): Promise<{ contactId: string; at: Date; finding: string; detail: Record<string, unknown> }[]> {
    const rows = await guard(() => this.db.selectFrom('reconciliation').selectAll().where('portal_id', '=', this.scope).orderBy('id', 'desc').limit(limit).execute());
    return rows.map((r) => ({ contactId: r.contact_id, at: r.at, finding: r.finding, detail: r.detail as unknown as Record<string, unknown> }));
  }

  async schemaStatus(): Promise<{ applied: string[]; pending: string[] }> {
    const all = await guard(() => this.migrator.getMigrations());
    return { applied: all.filter((m) => m.executedAt).map((m) => m.name), pending: all.filter((m) => !m.executedAt).map((m) => m.name) };
  }

  /** The query builder, for tooling that reads the ledger directly (tests, benchmarks). */
  get kysely(): Kysely<LedgerDatabase> {
    return this.db;
  }

  async upkeep(options: { analyze?: boolean } = {}): Promise<void> {
    if (this.engine.name !== 'pglite') return;
    // The work queue's table exists once pg-boss has started on this database.
    const queue = ((await this.executeSql(`select to_regclass('handoff_jobs.job') is not null as queue`)).rows[0] as { queue: boolean }).queue;
    // The account index too when analysing: filled wholesale (and analysed then), it also grows by webhooks between fills.
    const tables = [...CHURNING_TABLES, ...(options.analyze ? ['account'] : []), ...(queue ? ['handoff_jobs.job'] : [])];
    await this.executeSql(`vacuum ${options.analyze ? '(analyze) ' : ''}${tables.join(', ')}`);
  }

  /** Empties every table (tests, between cases; never called by Handoff itself). */
  async eraseAll(): Promise<void> {
    await sql`truncate handoff, assignment, delivery, timeline, outbox, reconciliation, hubspot_call_slot, sla_timer, policy_version, portal, account, account_index_run, policy_activation, policy_proposal, policy_review, availability_setting restart identity`.execute(this.db);
    this.scope = '';
    // The work queue's jobs too, when its schema exists (pg-boss creates it on first start).
    await sql.raw(`do $$ begin if exists (select 1 from pg_namespace where nspname = 'handoff_jobs') then truncate handoff_jobs.job, handoff_jobs.archive; end if; end $$`).execute(this.db);
  }

  close(): Promise<void> {
    return this.owner ? this.db.destroy() : Promise.resolve();
  }
}

/** The ledger's tables whose rows are rewritten over and over (a step, a version, a result, a due time): what upkeep vacuums. */
const CHURNING_TABLES = ['outbox', 'delivery', 'handoff', 'sla_timer'];

/** Database failures (down, read-only, a lost connection) as LedgerUnavailable; conflicts and our own errors pass through. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LedgerConflict || !isDatabaseFailure(e)) throw e;
    throw new LedgerUnavailable(e);
  }
}

function isDatabaseFailure(e: unknown): boolean {
  const err = e as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof err?.code === 'string') {
    // Connection refused/reset, and Postgres classes 08 (connection), 25006 (read-only), 53 (resources), 57 (shutdown), 58 (system).
    if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(err.code)) return true;
    if (/^(08|53|57|58)/.test(err.code) || err.code === '25006') return true;
  }
  return typeof err?.message === 'string' && /Connection terminated|connection is closed|PGlite is closed|timeout exceeded when trying to connect/i.test(err.message);
}
