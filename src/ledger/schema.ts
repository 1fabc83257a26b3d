import type { ColumnType, Generated } from 'kysely';

// The ledger's tables, as Kysely sees them. Timestamps are stored as timestamptz and read back as Date.
type Stamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** One row per contact's handoff: its record and the version a compare-and-set moves on by one. */
export interface HandoffTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  contact_id: string;
  version: number;
  state: string;
  owner_id: string | null;
  record: Json<Record<string, unknown>>;
  updated_at: Stamp;
}

/** Every assignment (route, reassignment, or an owner changed in HubSpot): the source of routing counts. */
export interface AssignmentTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  id: Generated<string>;
  contact_id: string;
  owner_id: string;
  rule_id: string | null;
  policy_version: string;
  at: Stamp;
  why: string;
  source: string;
}

/** The delivery log: one row per idempotency key, with the result it answered. */
export interface DeliveryTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  key: string;
  contact_id: string;
  result: Json<Record<string, unknown>>;
  outbox_id: string | null;
  at: Stamp;
}

/** The handoff's timeline: every transition and escalation, with actor, reason, owner and policy version. */
export interface TimelineTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  id: Generated<string>;
  contact_id: string;
  version: number;
  at: Stamp;
  event: string;
  owner_id: string | null;
  policy_version: string;
  entry: Json<Record<string, unknown>>;
}

/** The outbox: what HubSpot must be told after a commit, run in order per contact until it has it. */
export interface OutboxTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  id: Generated<string>;
  contact_id: string;
  version: number;
  effects: Json<unknown[]>;
  step: number;
  outputs: Json<Record<string, string>>;
  attempts: number;
  next_attempt_at: Stamp;
  leased_until: Stamp | null;
  last_error: string | null;
  /** When HubSpot refused it for good: it waits for a person (outboxRetry), and no lease takes it. */
  parked_at: Stamp | null;
  /** Leases that tried the current step (above one: an earlier try may have landed unrecorded). */
  step_tries: ColumnType<number, number | undefined, number>;
  done_at: Stamp | null;
  created_at: Stamp;
}

/** What reconciliation found HubSpot had changed by hand, and what the ledger did about it. */
export interface ReconciliationTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  id: Generated<string>;
  contact_id: string;
  at: Stamp;
  finding: string;
  detail: Json<Record<string, unknown>>;
}

/** A HubSpot call some instance was given a slot for (the shared call budget's rolling window). */
export interface HubSpotCallSlotTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  kind: string;
  at_ms: number;
}

/** An open handoff's next SLA check: due at an instant on the handlers' clock. */
export interface SlaTimerTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  contact_id: string;
  due_at: Stamp;
  version: number;
  queued_at: Stamp | null;
}

/** A policy version a server ran, in words, as first seen. */
export interface PolicyVersionTable {
  /** The HubSpot portal the row belongs to. */
  portal_id: string;
  version: string;
  name: string;
  words: Json<unknown>;
  first_seen_at: Stamp;
}

/** A portal this ledger serves: stamped the first time a server runs with its token. */
export interface PortalTable {
  portal_id: string;
  account_type: string;
  time_zone: string;
  currency: string;
  first_seen_at: Stamp;
  last_seen_at: Stamp;
  adopted_at: Stamp | null;
  adopted: number | null;
}

/** One company of the portal, as lead-to-account matching reads it (the account index). */
export interface AccountTable {
  portal_id: string;
  company_id: string;
  name: string;
  name_key: string;
  name_words: string[];
  domains: string[];
  domain_stems: string[];
  owner_id: string | null;
  country: string | null;
  size: number | null;
  contacts: number;
  changed_at: Stamp;
  indexed_at: Stamp;
}

/** When a portal's account index was last filled whole. */
export interface AccountIndexRunTable {
  portal_id: string;
  companies: number;
  finished_at: Stamp;
}

/** Each activation of a policy version: the newest is what every instance runs. */
export interface PolicyActivationTable {
  id: Generated<string>;
  portal_id: string;
  version: string;
  /** The policy as YAML (a file's own text, or a proposal's with its approvals stamped). */
  source: string;
  policy: Json<Record<string, unknown>>;
  how: string;
  by: string;
  proposal_id: string | null;
  activated_at: Stamp;
}

export interface PolicyProposalTable {
  id: Generated<string>;
  portal_id: string;
  version: string;
  name: string;
  source: string;
  policy: Json<Record<string, unknown>>;
  based_on: string;
  based_on_version: string;
  proposed_by: string;
  proposed_at: Stamp;
  state: ColumnType<string, string | undefined, string>;
}

export interface PolicyReviewTable {
  id: Generated<string>;
  portal_id: string;
  proposal_id: string;
  person_id: string;
  name: string;
  decision: string;
  comment: string | null;
  at: Stamp;
}

export interface AvailabilitySettingTable {
  id: Generated<string>;
  portal_id: string;
  person_id: string;
  kind: string;
  from_date: string | null;
  to_date: string | null;
  label: string | null;
  capacity: number | null;
  set_by_person: string;
  set_by_name: string;
  set_at: Stamp;
  cleared_at: Stamp | null;
  cleared_by: string | null;
}

export interface LedgerDatabase {
  policy_activation: PolicyActivationTable;
  policy_proposal: PolicyProposalTable;
  policy_review: PolicyReviewTable;
  availability_setting: AvailabilitySettingTable;
  portal: PortalTable;
  account: AccountTable;
  account_index_run: AccountIndexRunTable;
  policy_version: PolicyVersionTable;
  hubspot_call_slot: HubSpotCallSlotTable;
  sla_timer: SlaTimerTable;
  handoff: HandoffTable;
  assignment: AssignmentTable;
  delivery: DeliveryTable;
  timeline: TimelineTable;
  outbox: OutboxTable;
  reconciliation: ReconciliationTable;
}
