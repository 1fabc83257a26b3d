import { DomainError, DomainErrorCode } from '../errors.js';
import type { Actor, HandoffEvent, Transition } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';
import { transition } from '../handoff/stateMachine.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { ownerIdOf } from '../routing/availability.js';
import { handoffOf, mayActOn } from './handoffOf.js';

export type OutcomeAction =
  | { type: 'accept' }
  | { type: 'reject'; reasonCode: string; note?: string }
  | { type: 'recycle'; note?: string }
  | { type: 'convert'; dealId: string };

export interface OutcomeDecision {
  record: HandoffRecord;
  transition: Transition;
  /** The follow-up task to close: the owner has acted, or the lead left sales. */
  closeTaskId?: string;
}

/**
 * A rep's (or a workflow's) decision on a routed lead. A user must be the owner or the owner's
 * team manager; workflows and the system may act on any handoff.
 */
export function decideOutcome(record: HandoffRecord, action: OutcomeAction, policy: HandoffPolicy, now: Date, actor: Actor): OutcomeDecision {
  if (!mayActOn(policy, record, actor)) {
    throw new DomainError(DomainErrorCode.NOT_OWNER, `only the owner (${record.ownerId ?? 'none'}) or their manager can ${action.type} this lead; you are ${actor.id}`, {
      contactId: record.contactId,
      ownerId: record.ownerId,
      actorId: actor.id,
    });
  }
  const reEngagement = policy.people.find((p) => p.id === policy.recycling.reEngagementOwner);
  const event: HandoffEvent =
    action.type === 'recycle'
      ? { type: 'recycle', ...(reEngagement ? { reEngagementOwnerId: ownerIdOf(reEngagement) } : {}) }
      : action.type === 'reject'
        ? { type: 'reject', reasonCode: action.reasonCode, ...(action.note ? { note: action.note } : {}) }
        : action.type === 'convert'
          ? { type: 'convert', dealId: action.dealId }
          : { type: 'accept' };
  const reason = action.type === 'recycle' && action.note ? action.note : undefined;
  const moved = transition(handoffOf(record), event, { actor, at: now, policy, ...(reason ? { reason } : {}) });
  const next: HandoffRecord = { ...record, state: moved.state, version: record.version + 1 };
  if (moved.ownerId !== undefined) next.ownerId = moved.ownerId;
  switch (action.type) {
    case 'accept':
      next.acceptedAt = now;
      break;
    case 'reject':
      next.rejectedAt = now;
      next.rejectionReason = action.reasonCode;
      break;
    case 'recycle':
      next.recycledAt = now;
      break;
    case 'convert':
      next.convertedAt = now;
      next.dealId = action.dealId;
      break;
  }
  const { taskId, ...withoutTask } = next;
  // The follow-up task stays open on accept (the first touch is still owed) and on convert.
  const closes = taskId !== undefined && (action.type === 'reject' || action.type === 'recycle');
  return { record: closes ? withoutTask : next, transition: moved.history.at(-1)!, ...(closes ? { closeTaskId: taskId } : {}) };
}
