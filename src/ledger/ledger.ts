import { portalName, type EventSummary, type HandoffRecord, type PolicyInWords, type Portal, type RoutingLoad, type SlaAttempt } from '../domain/index.js';
import type { Account, AccountLookup } from '../domain/accounts/index.js';
import type { Effect } from './effects.js';
import type { PolicyAgreementLedger } from './policyAgreement.js';

// The port to Handoff's own ledger: what HubSpot cannot hold consistently (assignments, deliveries,
// each handoff's version, the timeline, the outbox). One implementation over Kysely serves both
// engines (PostgreSQL, and PGlite when no database is configured): sqlLedger.ts.

export interface LedgerEngine {
  name: 'postgresql' | 'pglite';
  /** Where the data is: a connection string without its password, a data directory, or "memory". */
  where: string;
}

export { pendingKeyOf, pendingTaskId, type Effect } from './effects.js';

export interface LedgerChange {
  contactId: string;
  /** The version the decision was taken on (the ledger's, or HubSpot's for a handoff the ledger adopts). */
  fromVersion: number;
  /** The handoff after the change; its version is fromVersion + 1. */
  record: HandoffRecord;
  /** Timeline entries, oldest first. */
  events: EventSummary[];
  /** A new assignment (a route or reassignment, or an owner set in HubSpot). */
  assignment?: { ownerId: string; ruleId?: string; why: string; source: SlaAttempt['source'] };
  /** The delivery this change answers: its key, and the result a replay answers with. */
  delivery: { key: string; result: Record<string, unknown> };
  /** What HubSpot must be told, in order. */
  effects: Effect[];
  /** The handoff's next SLA check on the handlers' clock (null: none left); undefined leaves the timer as it is. */
  slaTimerAt?: Date | null;
}

export interface Delivery {
  key: string;
  contactId: string;
  /** The recorded result, with what the outbox produced since (taskId, noteId). */
  result: Record<string, unknown>;
}

export interface TimelineEntry extends EventSummary {
  version: number;
}

export interface OutboxItem {
  id: string;
  contactId: string;
  version: number;
  effects: Effect[];
  step: number;
  outputs: Record<string, string>;
  attempts: number;
  /** Leases that tried the current step, this one included: above one, a crashed or failed try may have made what it makes. */
  stepTries: number;
}

export interface OutboxStatus {
  pending: number;
  /** Items that failed at least once and wait for their next attempt. */
  retrying: number;
  /** Items HubSpot refused for good (a deleted contact, a validation rule), with why. */
  parked: { id: string; contactId: string; error: string }[];
}

/** Raised inside a transaction when the handoff moved on (or the delivery was recorded) since it was read: read again. */
export class LedgerConflict extends Error {
  constructor(
    readonly why: 'moved' | 'duplicate',
    readonly contactId: string,
  ) {
    super(why === 'moved' ? `the handoff on contact ${contactId} moved on while this action was being recorded` : `this delivery was recorded on contact ${contactId} by another attempt`);
    this.name = 'LedgerConflict';
  }
}

/** Raised when the ledger's database cannot be reached or written: the caller retries later. */
export class LedgerUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Handoff's database is unavailable (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'LedgerUnavailable';
  }
}

/** A portal the ledger serves, as it was last seen. */
export interface LedgerPortal extends Portal {
  firstSeenAt: Date;
}

/**
 * Raised at start when the ledger serves other portals and not the token's: one portal's handoffs
 * must never answer for another's (a sandbox's token on production's ledger, a restored backup).
 */
export class LedgerBelongsToAnotherPortal extends Error {
  constructor(
    readonly ledgerPortals: readonly Pick<Portal, 'id' | 'type'>[],
    readonly tokenPortal: Pick<Portal, 'id' | 'type'>,
  ) {
    const ledger = ledgerPortals.map(portalName).join(' and ');
    super(
      `this ledger belongs to ${ledger}, but the HubSpot token belongs to ${portalName(tokenPortal)}. Handoff will not start, so that one portal's handoffs never answer for another's. ` +
        `Point HANDOFF_DATABASE_URL (or HANDOFF_DATA_DIR) at portal ${tokenPortal.id}'s own ledger, or, to keep portal ${tokenPortal.id}'s handoffs beside the others in this database, start once with HANDOFF_ADD_PORTAL=${tokenPortal.id}.`,
    );
    this.name = 'LedgerBelongsToAnotherPortal';
  }
}

export interface LedgerTx {
  delivery(key: string): Promise<Delivery | undefined>;
  /** The handoff, locked for this transaction (undefined before the ledger has seen it). */
  handoff(contactId: string): Promise<HandoffRecord | undefined>;
  /** Orders routings: held until the transaction ends, by every instance on this database. */
  lockRouting(): Promise<void>;
  /**
   * Open handoffs per owner, and the assignments counted in the database per owner from each
   * window start up to `now` (`assignmentTallies`, as `talliesOf` counts them), from the ledger
   * (no HubSpot search): the cost does not grow with history.
   */
  routingLoad(windowStarts: readonly Date[], now: Date): Promise<RoutingLoad>;
  /** Writes the change (compare-and-set on the version, the delivery, timeline, assignment, outbox); throws LedgerConflict. */
  commit(change: LedgerChange): Promise<{ outboxId: string }>;
  /** A batch's handoffs in one read, locked for this transaction (those the ledger has not seen are absent). */
  handoffs(contactIds: readonly string[]): Promise<Map<string, HandoffRecord>>;
  /** The deliveries already recorded under any of these keys, in one read. */
  deliveries(keys: readonly string[]): Promise<Map<string, Delivery>>;
  /**
   * Writes a batch of changes (one a contact) with one multi-row statement a table, as `commit`
   * writes one: each change's outbox item id, in order. Throws LedgerConflict, writing nothing,
   * if any of them would be refused. With `leaseMs`, each item whose contact has nothing older
   * pending is leased as it is written (`leased`), for the caller to deliver at once.
   */
  commitBatch(changes: readonly LedgerChange[], options?: { leaseMs?: number }): Promise<{ outboxIds: string[]; leased: OutboxItem[] }>;
  /** Queues a write to HubSpot that changes no version (an SLA status reading), behind what is already owed. */
  project(contactId: string, version: number, effects: Effect[]): Promise<void>;
  /** Sets (or, with null, clears) the handoff's next SLA check without a change of version. */
  setSlaTimer(contactId: string, version: number, at: Date | null, options?: { ifMissing?: boolean }): Promise<void>;
}

export interface HandoffLedger {
  readonly engine: LedgerEngine;
  /** The portal every read and write is scoped to ('' before a portal was claimed). */
  readonly portalId: string;
  /**
   * Scopes the ledger to the portal a server's token belongs to. A new ledger is stamped with it
   * (rows written before portals were recorded are stamped too); a ledger of other portals
   * refuses it with LedgerBelongsToAnotherPortal, unless `addPortal` keeps it beside them.
   */
  claimPortal(portal: Portal, options?: { addPortal?: boolean }): Promise<{ stamped: boolean }>;
  /** The portals this database serves. */
  portals(): Promise<LedgerPortal[]>;
  /**
   * Handoffs open in HubSpot before Handoff ran, taken into the ledger at HubSpot's version with
   * their assignment, so routing load, capacity and SLA timers count them; one the ledger already
   * has is left as it is. Resolves to how many were new.
   */
  adoptHandoffs(records: readonly HandoffRecord[]): Promise<number>;
  /** When this portal's open handoffs were adopted (undefined: not yet), and how many. */
  adoption(): Promise<{ at: Date; adopted: number } | undefined>;
  markAdopted(adopted: number): Promise<void>;

  /** The account index: companies written (added or replaced) in one statement. */
  upsertAccounts(accounts: readonly Account[]): Promise<void>;
  /** Companies deleted or merged away in HubSpot; resolves to how many the index held. */
  removeAccounts(companyIds: readonly string[]): Promise<number>;
  /** The companies a lead could belong to (by id, domain, stem, name), at most `limit`. */
  accountCandidates(lookup: AccountLookup, limit?: number): Promise<Account[]>;
  /** accountCandidates for many leads in one statement: each lookup's candidates, in order. */
  accountCandidatesMany(lookups: readonly AccountLookup[], limit?: number): Promise<Account[][]>;
  /** How many companies the index holds, and when it was last filled whole. */
  accountIndex(): Promise<{ companies: number; filledAt?: Date }>;
  /** Ends a whole fill begun at `startedAt`: what it did not see is dropped. Resolves to how many were dropped. */
  finishAccountFill(startedAt: Date, companies: number): Promise<number>;
  transaction<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T>;
  handoff(contactId: string): Promise<HandoffRecord | undefined>;
  delivery(key: string): Promise<Delivery | undefined>;
  /** The deliveries recorded under any of these keys, in one read. */
  deliveries(keys: readonly string[]): Promise<Map<string, Delivery>>;
  /** The newest entries first, at most `limit`. */
  timeline(contactId: string, limit?: number): Promise<TimelineEntry[]>;
  timelineCount(contactId: string): Promise<number>;

  /** Leases the oldest pending item of each contact (or of one contact) that is due (by `dueBy`, default now) and not leased. */
  /** `except`: contacts this run already failed on (left unleased, for their backoff). */
  leaseOutbox(options: { contactId?: string; contactIds?: readonly string[]; except?: readonly string[]; limit: number; leaseMs: number; dueBy?: Date }): Promise<OutboxItem[]>;
  /**
   * Records finished steps in one statement (the items of one batch call, or one item): each
   * item's outputs and next step, and the lease renewed for `leaseMs`. The outputs (a task's id, a
   * note's, a Lead's) are the item's delivery's too: its result is read with them, and a handoff
   * whose record holds the task's pending id is read with the real one. `done`: it was the item's
   * last step, and the item is marked done with it (as `outboxDone` would).
   */
  outboxSteps(steps: readonly { item: OutboxItem; step: number; outputs: Record<string, string>; done?: boolean }[], leaseMs: number): Promise<void>;
  outboxDone(id: string | readonly string[]): Promise<void>;
  /** A failed attempt: retried after `retryInMs`, or parked for good when `retryInMs` is undefined. */
  outboxFailed(id: string, error: string, retryInMs: number | undefined): Promise<void>;
  outboxStatus(): Promise<OutboxStatus>;
  /** Puts parked items (all of them, or these ids) back in line, due now: after the cause was fixed in HubSpot. Resolves to how many. */
  outboxRetry(ids?: readonly string[]): Promise<number>;

  /** Handoffs in these states changed since `since` (for the reconcile sweep), by contact id, after `afterContactId`. */
  handoffsIn(states: readonly string[], afterContactId: string, limit: number, since?: Date): Promise<HandoffRecord[]>;
  /** Handoffs whose latest MQL fell in [from, to), by contact id, after `afterContactId` (the evidence and the preview). */
  handoffsMqlBetween(from: Date, to: Date, afterContactId: string, limit: number): Promise<HandoffRecord[]>;
  /** Handoffs in these states with no SLA timer (written before the timers existed), by contact id, after `afterContactId`. */
  handoffsWithoutSlaTimer(states: readonly string[], afterContactId: string, limit: number): Promise<HandoffRecord[]>;
  /** The contact whose handoff a Lead mirrored (the outbox recorded its id on a delivery), if any. */
  contactOfLead(leadId: string): Promise<string | undefined>;
  /** Whether the outbox still owes HubSpot anything for this contact. */
  hasPending(contactId: string): Promise<boolean>;
  /** Records what reconciliation found; `remove` takes a handoff whose contact is gone out of the ledger's open load and cancels what the outbox owed it. */
  reconcile(contactId: string, finding: string, detail: Record<string, unknown>, remove?: boolean): Promise<void>;
  /** Records the policy a server runs (its words), the first time that version runs. */
  recordPolicy(words: PolicyInWords, at: Date): Promise<void>;
  /** The agreement: which version is active, the proposals and their reviews, availability set in HubSpot. */
  readonly agreement: PolicyAgreementLedger;
  /** The policy versions run so far, the most recently first seen first. */
  policyVersions(limit: number): Promise<{ version: string; words: PolicyInWords; firstSeenAt: Date }[]>;
  reconciliations(limit: number): Promise<{ contactId: string; at: Date; finding: string; detail: Record<string, unknown> }[]>;

  /** Reserves a slot for one HubSpot call in the budget all instances share; resolves to the wait in ms. */
  reserveHubSpotCall(kind: string, limit: { calls: number; windowMs: number }, steady: boolean): Promise<number>;
  /** SLA timers due by `now` (the handlers' clock) and not yet in the work queue, soonest first. */
  dueSlaTimers(now: Date, limit: number): Promise<{ contactId: string; dueAt: Date; version: number }[]>;
  /** Marks timers as in the work queue (unless a change meanwhile set them to another instant). */
  markSlaTimersQueued(timers: readonly { contactId: string; dueAt: Date }[]): Promise<void>;
  slaTimers(): Promise<{ waiting: number; queued: number; next?: { contactId: string; dueAt: Date } }>;
  /** Runs `work` holding a lock all instances on this database share for `purpose` (set-up that must happen once). */
  exclusively<T>(purpose: string, work: () => Promise<T>): Promise<T>;
  /** Raw SQL for the work queue, on the ledger's own database. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * Reclaims the rows Handoff's updates left behind, in the tables updated again and again (the
   * outbox, deliveries, handoffs, SLA timers, the work queue's jobs), and with `analyze` refreshes
   * the planner's statistics (theirs and the account index's). PostgreSQL's autovacuum does this; the embedded engine has none, so
   * without it every read of those tables wades through more dead rows as the weeks go by.
   * Nothing to do on PostgreSQL.
   */
  upkeep(options?: { analyze?: boolean }): Promise<void>;

  /** The applied schema version and pending migrations. */
  schemaStatus(): Promise<{ applied: string[]; pending: string[] }>;
  close(): Promise<void>;
}
