// A handoff's timeline, as the ledger stores it and HubSpot's property history shows it.

/**
 * What a committed write remembers besides the transition: the action's idempotency key (the
 * delivery it answered) and what it created.
 */
export interface EventReceipt {
  key?: string;
  taskId?: string;
  noteId?: string;
  slaDueAt?: string;
  slaTierId?: string;
  ruleId?: string;
  /** The follow-up task the write closed (a replay closes it again if the first try failed after the commit). */
  closedTaskId?: string;
}

/**
 * One entry of a handoff's timeline: a transition in words, with what it created. The ledger keeps
 * these; handoff_last_event holds the latest, so HubSpot's property history shows them too.
 */
export interface EventSummary extends EventReceipt {
  event: string;
  /** For an escalation: the policy's step id. */
  step?: string;
  from: string;
  to: string;
  at: string;
  actor: string;
  reason: string;
  ownerId?: string;
  rejectionReason?: string;
  note?: string;
  policyVersion: string;
}
