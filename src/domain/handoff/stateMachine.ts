import { DomainError, DomainErrorCode } from '../errors.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { HANDOFF_STATES, type Actor, type Handoff, type HandoffEvent, type HandoffEventType, type HandoffState, type Transition } from './handoff.js';

/** Which states each event may leave from, and where it goes. The whole process on one screen. */
export const TRANSITIONS: Readonly<Record<HandoffEventType, { from: readonly HandoffState[]; to: HandoffState }>> = {
  qualify: { from: ['new', 'recycled'], to: 'mql' },
  route: { from: ['mql'], to: 'routed' },
  reassign: { from: ['routed'], to: 'routed' },
  accept: { from: ['routed'], to: 'accepted' },
  reject: { from: ['routed'], to: 'rejected' },
  reroute: { from: ['rejected'], to: 'routed' },
  convert: { from: ['accepted'], to: 'converted' },
  recycle: { from: ['routed', 'accepted', 'rejected'], to: 'recycled' },
};

export interface TransitionContext {
  actor: Actor;
  at: Date;
  policy: HandoffPolicy;
  /** Why, in words; a default is written for events whose reason is implied. */
  reason?: string;
}

/**
 * The states a lead is in a handoff in (sales has it, or had it and decided): every state it
 * cannot become an MQL from, other than the MQL itself. Derived from the table above.
 */
export const IN_HANDOFF_STATES: readonly HandoffState[] = HANDOFF_STATES.filter(
  (s) => s !== 'new' && s !== TRANSITIONS.qualify.to && !TRANSITIONS.qualify.from.includes(s),
);

/** The states sales still has the lead in: it can still go back to marketing (recycle), so the SLA timers watch them. */
export const OPEN_STATES: readonly HandoffState[] = TRANSITIONS.recycle.from;

/** The states an owner is working the lead in: it waits for their accept or reject, or for the deal. */
export const OWNED_STATES: readonly HandoffState[] = HANDOFF_STATES.filter((s) => TRANSITIONS.accept.from.includes(s) || TRANSITIONS.convert.from.includes(s));

export function canTransition(state: HandoffState, event: HandoffEventType): boolean {
  return TRANSITIONS[event].from.includes(state);
}

/**
 * Apply one event to a handoff. Returns a new handoff (the input is not changed) whose
 * history ends with the transition; an illegal move is a typed DomainError.
 */
export function transition(handoff: Handoff, event: HandoffEvent, ctx: TransitionContext): Handoff {
  const rule = TRANSITIONS[event.type];
  if (!rule.from.includes(handoff.state)) {
    throw new DomainError(
      DomainErrorCode.ILLEGAL_TRANSITION,
      `cannot ${event.type} a handoff that is ${handoff.state} (allowed from: ${rule.from.join(', ')})`,
      { contactId: handoff.contactId, from: handoff.state, event: event.type },
    );
  }
  const base: Transition = {
    event: event.type,
    from: handoff.state,
    to: rule.to,
    at: ctx.at.toISOString(),
    actor: ctx.actor,
    policyVersion: ctx.policy.version,
    reason: ctx.reason ?? '',
  };
  const next: Handoff = { ...handoff, state: rule.to };

  switch (event.type) {
    case 'qualify':
      next.handoffCount = handoff.handoffCount + 1;
      next.policyVersion = ctx.policy.version;
      delete next.ownerId;
      base.reason ||= handoff.state === 'recycled' ? 'Re-qualified as an MQL after recycling' : 'Met the MQL definition';
      break;
    case 'route':
    case 'reassign':
    case 'reroute':
      next.ownerId = event.ownerId;
      base.ownerId = event.ownerId;
      if (event.ruleId) base.ruleId = event.ruleId;
      base.reason ||= event.type === 'route' ? `Routed by rule ${event.ruleId}` : event.type === 'reroute' ? 'Routed again after a rejection' : `Reassigned from owner ${handoff.ownerId ?? 'none'}`;
      break;
    case 'accept':
      base.ownerId = handoff.ownerId;
      base.reason ||= 'Accepted by the owner as a Sales Qualified Lead';
      break;
    case 'reject': {
      const reason = ctx.policy.rejectionReasons.find((r) => r.code === event.reasonCode);
      if (!reason) {
        throw new DomainError(
          DomainErrorCode.REJECTION_REASON_UNKNOWN,
          `rejection reason "${event.reasonCode}" is not in the policy's list (${ctx.policy.rejectionReasons.map((r) => r.code).join(', ')})`,
          { reasonCode: event.reasonCode },
        );
      }
      base.ownerId = handoff.ownerId;
      base.rejectionReason = reason.code;
      if (event.note) base.note = event.note;
      base.reason ||= reason.label;
      break;
    }
    case 'convert':
      base.dealId = event.dealId;
      base.reason ||= 'A deal was created from this lead';
      break;
    case 'recycle':
      if (event.reasonCode) {
        const reason = ctx.policy.recycleReasons.find((r) => r.code === event.reasonCode);
        if (!reason) {
          throw new DomainError(DomainErrorCode.RECYCLE_REASON_UNKNOWN, `recycle reason "${event.reasonCode}" is not in the policy's list (${ctx.policy.recycleReasons.map((r) => r.code).join(', ')})`, { reasonCode: event.reasonCode });
        }
        base.recycleReason = reason.code;
        base.reason ||= `Recycled to marketing: ${reason.label}`;
      }
      if (event.reEngagementOwnerId) {
        next.ownerId = event.reEngagementOwnerId;
        base.ownerId = event.reEngagementOwnerId;
      }
      base.reason ||= 'Recycled to marketing for re-engagement';
      break;
  }
  next.history = [...handoff.history, base];
  return next;
}
