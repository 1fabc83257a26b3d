import type { HandoffState } from './handoff.js';

/**
 * One contact's handoff as it is stored (in HubSpot properties, by the adapter): the state
 * machine's state plus the facts the SLA, escalation and recycling rules need. `version` goes
 * up by one on every write, so a writer can tell whether someone else wrote in between.
 */
export interface HandoffRecord {
  contactId: string;
  state: HandoffState;
  ownerId?: string;
  policyVersion?: string;
  handoffCount: number;
  mqlAt?: Date;
  routedAt?: Date;
  routingRuleId?: string;
  routingExplanation?: string;
  slaTierId?: string;
  slaDueAt?: Date;
  firstTouchAt?: Date;
  /** Business minutes from routing to first touch. */
  timeToFirstTouchMinutes?: number;
  acceptedAt?: Date;
  rejectedAt?: Date;
  rejectionReason?: string;
  convertedAt?: Date;
  dealId?: string;
  recycledAt?: Date;
  escalationsDone: string[];
  /** The open follow-up task in the owner's queue, if routing created one. */
  taskId?: string;
  version: number;
}

export function emptyRecord(contactId: string): HandoffRecord {
  return { contactId, state: 'new', handoffCount: 0, escalationsDone: [], version: 0 };
}
