/**
 * Everything routing needs, fetched in one step by an adapter. Routing is a pure function
 * of (lead, snapshot, policy, now): the same snapshot always gives the same owner.
 */
export interface RoutingSnapshot {
  /** HubSpot owner id of the lead's company (by association), if it has one. */
  companyOwnerId?: string;
  /** The company lead-to-account matching found (the account index, or the association), with why in words. */
  account?: { companyId: string; name: string; ownerId?: string; why: string };
  /** Why matching found no company (personal email, nothing at the domain…). */
  noAccount?: string;
  /** Open handoffs (routed, not yet accepted/rejected) per HubSpot owner id. */
  openHandoffs: Readonly<Record<string, number>>;
  /** Recent assignments (owner id, ISO instant) listed, in any order: routing counts them (`talliesOf`). */
  recentAssignments?: readonly { ownerId: string; at: string }[];
  /**
   * The same assignments counted by the adapter instead of listed (a ledger aggregates them in
   * SQL, so a routing costs the same at any history size): for each window start routing may use
   * (`fairnessWindowStarts`), per owner the assignments at or after it, and the latest of all.
   * When present it replaces `recentAssignments`.
   */
  assignmentTallies?: readonly AssignmentTally[];
  /** Owner ids HubSpot reports as unusable (archived, deactivated), with why. */
  unavailableOwners?: Readonly<Record<string, string>>;
}

/** Assignments per owner from `since` up to the snapshot's instant; `last` is the latest in the whole look-back. */
export interface AssignmentTally {
  since: string;
  byOwner: Readonly<Record<string, { count: number; last: string }>>;
}

/** The ledger's count of routing so far, which each routing decision reads (the fairness and capacity parts of a snapshot). */
export interface RoutingLoad {
  /** Routed and not yet accepted or rejected, per owner. */
  openHandoffs: Record<string, number>;
  /** Routings counted per owner from each window start (`fairnessWindowStarts`), as `talliesOf` counts them. */
  assignmentTallies: AssignmentTally[];
}
