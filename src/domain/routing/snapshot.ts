/**
 * Everything routing needs, fetched in one step by an adapter. Routing is a pure function
 * of (lead, snapshot, policy, now): the same snapshot always gives the same owner.
 */
export interface RoutingSnapshot {
  /** HubSpot owner id of the lead's company (by association), if it has one. */
  companyOwnerId?: string;
  /** Owners of companies matched by the lead's email domain (lead-to-account matching). */
  domainCompanyOwnerIds?: readonly string[];
  /** Open handoffs (routed, not yet accepted/rejected) per HubSpot owner id. */
  openHandoffs: Readonly<Record<string, number>>;
  /** Recent assignments (owner id, ISO instant), newest or oldest first: order does not matter. */
  recentAssignments: readonly { ownerId: string; at: string }[];
  /** Owner ids HubSpot reports as unusable (archived, deactivated), with why. */
  unavailableOwners?: Readonly<Record<string, string>>;
}
