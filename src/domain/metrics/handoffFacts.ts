import type { HandoffState } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';

/**
 * What the health metrics need to know about one contact's handoff (read from HubSpot by an
 * adapter): the stored record's dates, outcome and attempts (each owner's turn, credited to them),
 * plus where it came from and the contact's name.
 */
export type HandoffFacts = Pick<HandoffRecord, 'contactId' | 'ownerId' | 'policyVersion' | 'mqlAt' | 'routedAt' | 'slaDueAt' | 'acceptedAt' | 'rejectedAt' | 'rejectionReason' | 'convertedAt' | 'recycledAt' | 'attempts'> &
  Partial<Pick<HandoffRecord, 'handoffCount'>> & {
    stage: HandoffState;
    source?: string;
    name?: string;
  };
