import type { HandoffState } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';

/**
 * What the health metrics need to know about one contact's handoff (read from HubSpot by an
 * adapter): the stored record's dates and outcome, plus who it was routed to, where it came from
 * and the contact's name.
 */
export type HandoffFacts = Pick<HandoffRecord, 'contactId' | 'ownerId' | 'policyVersion' | 'mqlAt' | 'routedAt' | 'slaDueAt' | 'firstTouchAt' | 'timeToFirstTouchMinutes' | 'acceptedAt' | 'rejectedAt' | 'rejectionReason' | 'convertedAt' | 'recycledAt'> &
  Partial<Pick<HandoffRecord, 'handoffCount'>> & {
    stage: HandoffState;
    /** Owner at handoff: credit for routing and SLA goes to who the lead was routed to. */
    routedOwnerId?: string;
    source?: string;
    name?: string;
  };
