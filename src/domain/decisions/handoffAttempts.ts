import { withAttempt, type HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy, SlaTier } from '../policy/policy.schema.js';
import { closeAttempt, currentAttempt, openAttempt, respond, type AttemptSource, type SlaAttempt } from '../sla/attempt.js';
import { ensureAttempts } from '../sla/legacyAttempts.js';
import { slaTierOf } from '../sla/sla.js';
import type { Actor, Transition } from '../handoff/handoff.js';
import { transition } from '../handoff/stateMachine.js';
import { ownerIdOf } from '../routing/availability.js';
import { handoffOf, ownerCalendar } from './handoffOf.js';

// The record-level moves on a handoff's attempts that every decision shares: read its attempts,
// take a logged touch, hand the lead to a new owner, send it back to marketing. One home each.

/** The record with its attempts (a record from before attempts were kept gets its one back). */
export function withAttempts(record: HandoffRecord, policy: HandoffPolicy): HandoffRecord {
  return ensureAttempts(record, policy, (ownerId) => ownerCalendar(policy, ownerId));
}

/** The record with a touch logged in HubSpot taken as the current owner's (a touch before their attempt is not theirs). */
export function withFirstTouch(record: HandoffRecord, policy: HandoffPolicy, firstTouchAt: Date | undefined): HandoffRecord {
  const attempt = currentAttempt(record.attempts);
  if (!attempt || !firstTouchAt || attempt.firstTouchAt || (record.state !== 'routed' && record.state !== 'accepted' && record.state !== 'converted')) return record;
  const next = respond(attempt, 'touch', firstTouchAt, policy, ownerCalendar(policy, attempt.ownerId));
  return next === attempt ? record : withAttempt(record, next);
}

/**
 * The lead leaves its current owner for `ownerId` at `now`: their attempt closes with `why`
 * (missed if past due without a response, withdrawn if in time), the new owner's opens on the same
 * tier with a fresh SLA, and the escalation ladder starts again.
 */
export function handOver(record: HandoffRecord, ownerId: string, source: AttemptSource, now: Date, why: string, policy: HandoffPolicy): { record: HandoffRecord; opened: SlaAttempt; tier: SlaTier } {
  const previous = currentAttempt(record.attempts)!;
  const tier = slaTierOf(policy, previous.tierId);
  const opened = openAttempt(previous.number + 1, ownerId, source, now, tier, ownerCalendar(policy, ownerId), policy);
  return { record: withAttempt({ ...withAttempt(record, closeAttempt(previous, now, why)), escalationsDone: [] }, opened), opened, tier };
}

/** The lead back with marketing at `now`: its attempt closed, owned by the re-engagement owner (when the policy names one). */
export function recycledRecord(record: HandoffRecord, now: Date, reEngagementOwnerId: string | undefined, reasonCode?: string): HandoffRecord {
  const attempt = currentAttempt(record.attempts);
  const attempts = attempt ? [...record.attempts.slice(0, -1), closeAttempt(attempt, now, 'recycled')] : record.attempts;
  return { ...record, attempts, state: 'recycled', recycledAt: now, ...(reasonCode ? { recycleReason: reasonCode } : {}), ...(reEngagementOwnerId ? { ownerId: reEngagementOwnerId } : {}) };
}

/**
 * Sends a handoff back to marketing: the recycle transition (naming the policy's re-engagement
 * owner, when it has one, and the recycle reason) and the record recycled to them. The one way
 * every decision recycles: a rep's recycle, a rejection whose reason recycles, a lead nobody is
 * left to take after a missed SLA.
 */
export function sendBackToMarketing(record: HandoffRecord, policy: HandoffPolicy, o: { actor: Actor; at: Date; why?: string; reasonCode?: string }): { record: HandoffRecord; transitions: Transition[]; ownerId?: string } {
  const reEngagement = policy.people.find((p) => p.id === policy.recycling.reEngagementOwner);
  const ownerId = reEngagement ? ownerIdOf(reEngagement) : undefined;
  const moved = transition(handoffOf(record), { type: 'recycle', ...(ownerId ? { reEngagementOwnerId: ownerId } : {}), ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}) }, { actor: o.actor, at: o.at, policy, ...(o.why ? { reason: o.why } : {}) });
  return { record: recycledRecord(record, o.at, ownerId, o.reasonCode), transitions: moved.history, ...(ownerId ? { ownerId } : {}) };
}
