import { DomainError, DomainErrorCode } from '../errors.js';
import type { Actor, HandoffEvent, Transition } from '../handoff/handoff.js';
import { updateCurrentAttempt, type HandoffRecord } from '../handoff/handoffRecord.js';
import { transition } from '../handoff/stateMachine.js';
import type { Lead } from '../lead.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { nextOwner } from '../escalation/nextOwner.js';
import type { RoutingSnapshot } from '../routing/snapshot.js';
import { closeAttempt, respond, type SlaAttempt } from '../sla/attempt.js';
import { handoffOf, mayActOn, ownerCalendar, ownerNameOf, personByOwnerId, type TaskToCreate } from './handoffOf.js';
import { followUpTask } from './followUpTask.js';
import { handOver, sendBackToMarketing, withAttempts, withFirstTouch } from './handoffAttempts.js';

export type OutcomeAction =
  | { type: 'accept' }
  | { type: 'reject'; reasonCode: string; note?: string }
  | { type: 'recycle'; reasonCode: string; note?: string }
  | { type: 'convert'; dealId: string };

/** What else the decision may need: a touch HubSpot logged, and for a reroute the lead and a routing snapshot. */
export interface OutcomeContext {
  firstTouchAt?: Date;
  lead?: Lead;
  routing?: RoutingSnapshot;
}

export interface OutcomeDecision {
  record: HandoffRecord;
  /** The last transition (the one the action is known by). */
  transition: Transition;
  /** Every transition, in order: a reject, then at once its reroute or recycle. */
  transitions: Transition[];
  /** The follow-up task to close: the owner has acted, or the lead left sales. */
  closeTaskId?: string;
  /** A reroute's new owner, and their follow-up task. */
  rerouted?: { ownerId: string; ruleId: string; explanation: string; source: SlaAttempt['source'] };
  task?: TaskToCreate;
}

/** Whether the action reroutes the lead, so the caller must read the lead and take a routing snapshot first. */
export function outcomeNeedsRouting(action: OutcomeAction, policy: HandoffPolicy): boolean {
  return action.type === 'reject' && policy.rejectionReasons.find((r) => r.code === action.reasonCode)?.outcome === 'reroute';
}

/**
 * A rep's (or a workflow's) decision on a lead. A user must be the owner or the owner's team
 * manager; workflows and the system may act on any handoff. An accept or reject is the owner's
 * response (met or missed at that instant); a reject acts on its reason's outcome at once: reroute
 * routes the lead again (never to the rejecting owner, nor anyone who had it), recycle sends it
 * back to marketing, disqualify ends it. A recycle names one of the policy's recycle reasons.
 */
export function decideOutcome(stored: HandoffRecord, action: OutcomeAction, policy: HandoffPolicy, now: Date, actor: Actor, context: OutcomeContext = {}): OutcomeDecision {
  if (!mayActOn(policy, stored, actor)) {
    const owner = personByOwnerId(policy, stored.ownerId)?.name ?? 'nobody';
    throw new DomainError(DomainErrorCode.NOT_OWNER, `only the lead's owner (${owner}) or their manager can ${action.type} this lead`, {
      contactId: stored.contactId,
      ownerId: stored.ownerId,
      actorId: actor.id,
    });
  }
  let record = withAttempts(stored, policy);
  const calendar = (a: SlaAttempt) => ownerCalendar(policy, a.ownerId);
  record = withFirstTouch(record, policy, context.firstTouchAt);
  const transitions: Transition[] = [];
  const step = (event: HandoffEvent, reason?: string) => {
    const moved = transition(handoffOf(record), event, { actor, at: now, policy, ...(reason ? { reason } : {}) });
    transitions.push(moved.history.at(-1)!);
    return moved;
  };
  const toMarketing = (why: string | undefined, reasonCode?: string) => {
    const sent = sendBackToMarketing(record, policy, { actor, at: now, ...(why ? { why } : {}), ...(reasonCode ? { reasonCode } : {}) });
    transitions.push(sent.transitions.at(-1)!);
    record = sent.record;
  };
  let rerouted: OutcomeDecision['rerouted'];
  let task: TaskToCreate | undefined;

  switch (action.type) {
    case 'accept':
      step({ type: 'accept' });
      record = updateCurrentAttempt({ ...record, state: 'accepted', acceptedAt: now }, (a) => respond(a, 'accept', now, policy, calendar(a)));
      break;
    case 'convert':
      step({ type: 'convert', dealId: action.dealId });
      record = { ...record, state: 'converted', convertedAt: now, dealId: action.dealId };
      break;
    case 'recycle':
      toMarketing(action.note, action.reasonCode);
      break;
    case 'reject': {
      step({ type: 'reject', reasonCode: action.reasonCode, ...(action.note ? { note: action.note } : {}) });
      const reason = policy.rejectionReasons.find((r) => r.code === action.reasonCode)!;
      record = updateCurrentAttempt({ ...record, state: 'rejected', rejectedAt: now, rejectionReason: reason.code }, (a) => respond(a, 'reject', now, policy, calendar(a)));
      if (reason.outcome === 'recycle') {
        toMarketing(`Rejected as "${reason.label}", which the policy sends back to marketing`);
      } else if (reason.outcome === 'reroute') {
        if (!context.lead || !context.routing) throw new Error('decideOutcome: a reroute needs the lead and a routing snapshot (outcomeNeedsRouting)');
        const next = nextOwner(record, context.lead, context.routing, policy, now, 'rejected');
        if (next.kind === 'recycle') toMarketing(`Rejected as "${reason.label}": ${next.why}`);
        else if (next.kind === 'owner') {
          const name = ownerNameOf(policy, next.ownerId);
          const explanation = `Rejected as "${reason.label}", which the policy reroutes: ${next.explanation}`;
          step({ type: 'reroute', ownerId: next.ownerId, ruleId: next.ruleId }, explanation);
          const { rejectedAt: _r, rejectionReason: _c, ...rest } = record;
          const handed = handOver({ ...(rest as HandoffRecord), state: 'routed', routingRuleId: next.ruleId, routingExplanation: explanation }, next.ownerId, next.source, now, `rejected, rerouted to ${name}`, policy);
          record = handed.record;
          rerouted = { ownerId: next.ownerId, ruleId: next.ruleId, explanation, source: next.source };
          task = followUpTask(policy, { because: 'rerouted', ownerId: next.ownerId, tier: handed.tier, dueAt: handed.opened.dueAt, subject: `Rerouted to you: follow up (${handed.tier.label})`, body: explanation });
        } else {
          record = updateCurrentAttempt(record, (a) => closeAttempt(a, now, `rejected; ${next.why}`));
        }
      } else {
        record = updateCurrentAttempt(record, (a) => closeAttempt(a, now, `rejected: ${reason.label}`));
      }
      break;
    }
  }
  record = { ...record, version: stored.version + 1 };
  // The follow-up task stays open on accept (the owner still works the lead) and on convert.
  const { taskId, ...withoutTask } = record;
  const closes = taskId !== undefined && (action.type === 'reject' || action.type === 'recycle');
  return {
    record: closes ? (withoutTask as HandoffRecord) : record,
    transition: transitions.at(-1)!,
    transitions,
    ...(closes ? { closeTaskId: taskId } : {}),
    ...(rerouted ? { rerouted } : {}),
    ...(task ? { task } : {}),
  };
}
