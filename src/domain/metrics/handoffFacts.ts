import type { HandoffState } from '../handoff/handoff.js';

/** What the health metrics need to know about one contact's handoff (read from HubSpot by an adapter). */
export interface HandoffFacts {
  contactId: string;
  stage: HandoffState;
  ownerId?: string;
  /** Owner at handoff: credit for routing and SLA goes to who the lead was routed to. */
  routedOwnerId?: string;
  source?: string;
  policyVersion?: string;
  mqlAt?: Date;
  routedAt?: Date;
  slaDueAt?: Date;
  firstTouchAt?: Date;
  timeToFirstTouchMinutes?: number;
  acceptedAt?: Date;
  rejectedAt?: Date;
  rejectionReason?: string;
  convertedAt?: Date;
  recycledAt?: Date;
  handoffCount?: number;
  name?: string;
}
