/** The handoff of one contact from marketing to sales, and the record of how it moved. */
export const HANDOFF_STATES = ['new', 'mql', 'routed', 'accepted', 'rejected', 'converted', 'recycled'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

export type HandoffEvent =
  | { type: 'qualify' }
  | { type: 'route'; ownerId: string; ruleId: string }
  | { type: 'reassign'; ownerId: string; ruleId?: string }
  /** A rejection whose reason's outcome is "reroute": routed again at once, to someone else. */
  | { type: 'reroute'; ownerId: string; ruleId?: string }
  | { type: 'accept' }
  | { type: 'reject'; reasonCode: string; note?: string }
  | { type: 'convert'; dealId: string }
  | { type: 'recycle'; reEngagementOwnerId?: string; reasonCode?: string };
export type HandoffEventType = HandoffEvent['type'];

export interface Actor {
  kind: 'user' | 'workflow' | 'system';
  /** HubSpot owner/user id for a user, workflow id for a workflow, component name for the system. */
  id: string;
}

export interface Transition {
  event: HandoffEventType;
  from: HandoffState;
  to: HandoffState;
  at: string;
  actor: Actor;
  policyVersion: string;
  reason: string;
  ownerId?: string;
  ruleId?: string;
  rejectionReason?: string;
  recycleReason?: string;
  note?: string;
  dealId?: string;
}

export interface Handoff {
  contactId: string;
  state: HandoffState;
  ownerId?: string;
  /** Version of the policy the current handoff runs under (stamped when it became an MQL). */
  policyVersion?: string;
  /** How many times this contact has become an MQL (1 on the first handoff, 2 after a re-MQL...). */
  handoffCount: number;
  history: Transition[];
}

export function newHandoff(contactId: string): Handoff {
  return { contactId, state: 'new', handoffCount: 0, history: [] };
}
