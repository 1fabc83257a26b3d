import type { HandoffPolicy, ResponseKind, SlaTier } from '../policy/policy.schema.js';
import { businessMinutesBetween, type BusinessCalendar } from './businessCalendar.js';
import { addBusinessDays } from './businessDays.js';
import { readSla, slaDue, type SlaReading } from './sla.js';

/**
 * One owner's turn with a handoff: opened when the lead is assigned to them (routed, reassigned,
 * rerouted), closed when it moves on. The SLA is accounted per attempt and credited to the owner
 * who held it. Met or missed is decided at the owner's first response and never changes.
 */
export type AttemptResult = 'open' | 'met' | 'missed' | 'withdrawn';

/** How the attempt began: the first routing, a reassignment for a missed SLA, a reroute after a rejection, the policy's last resort, or an owner set in HubSpot. */
export type AttemptSource = 'route' | 'reassign' | 'reroute' | 'exhausted' | 'hubspot';

export interface SlaAttempt {
  /** 1 for the handoff's first assignment, 2 for the next, … */
  number: number;
  ownerId: string;
  source: AttemptSource;
  tierId: string;
  startedAt: Date;
  /** The response is due by then (the tier's business hours on the owner's calendar). */
  dueAt: Date;
  /** An accept or reject is due by then (sla.decisionBusinessDays), when the policy sets it. */
  decisionDueAt?: Date;
  /** The owner's first response that counts (sla.respondedBy), what it was, and business minutes to it. */
  respondedAt?: Date;
  respondedBy?: ResponseKind;
  responseMinutes?: number;
  /** The first touch logged while the owner held the lead, and business minutes to it. */
  firstTouchAt?: Date;
  firstTouchMinutes?: number;
  endedAt?: Date;
  endedWhy?: string;
  result: AttemptResult;
}

/** Opens an attempt for `ownerId` at `at` on the tier's SLA and the owner's calendar. */
export function openAttempt(number: number, ownerId: string, source: AttemptSource, at: Date, tier: SlaTier, calendar: BusinessCalendar, policy: HandoffPolicy): SlaAttempt {
  const days = policy.sla.decisionBusinessDays;
  return {
    number,
    ownerId,
    source,
    tierId: tier.id,
    startedAt: at,
    dueAt: slaDue(at, tier.firstTouchBusinessHours, calendar),
    ...(days !== undefined ? { decisionDueAt: addBusinessDays(at, days, calendar) } : {}),
    result: 'open',
  };
}

/**
 * The owner acted at `at`. A touch is recorded as the attempt's first touch (a touch before the
 * attempt began is not one); the first act the policy counts (sla.respondedBy) stops the clock:
 * met if at or before the due time, missed after it. A later act changes nothing.
 */
export function respond(attempt: SlaAttempt, kind: ResponseKind, at: Date, policy: HandoffPolicy, calendar: BusinessCalendar): SlaAttempt {
  if (at.getTime() < attempt.startedAt.getTime()) return attempt;
  if (attempt.endedAt && at.getTime() > attempt.endedAt.getTime()) return attempt;
  let next = attempt;
  if (kind === 'touch' && !next.firstTouchAt) next = { ...next, firstTouchAt: at, firstTouchMinutes: businessMinutesBetween(next.startedAt, at, calendar) };
  if (next.result === 'open' && policy.sla.respondedBy.includes(kind)) {
    next = { ...next, respondedAt: at, respondedBy: kind, responseMinutes: businessMinutesBetween(next.startedAt, at, calendar), result: at.getTime() <= next.dueAt.getTime() ? 'met' : 'missed' };
  }
  return next;
}

/**
 * The lead leaves this owner at `at`. An attempt still waiting for its response is missed if it
 * is past due, and withdrawn (counted for nobody) if the owner's time had not run out.
 */
export function closeAttempt(attempt: SlaAttempt, at: Date, why: string): SlaAttempt {
  if (attempt.endedAt) return attempt;
  const result = attempt.result === 'open' ? (at.getTime() > attempt.dueAt.getTime() ? 'missed' : 'withdrawn') : attempt.result;
  return { ...attempt, endedAt: at, endedWhy: why, result };
}

/**
 * The one reading of an attempt's SLA that every surface shows (card, property, home page):
 * met or missed once decided; otherwise on track, at risk or breached at `now`.
 */
export function readAttempt(attempt: SlaAttempt, now: Date, policy: HandoffPolicy, calendar: BusinessCalendar): SlaReading {
  const until = attempt.endedAt && attempt.endedAt.getTime() < now.getTime() ? attempt.endedAt : now;
  const reading = readSla({ start: attempt.startedAt, due: attempt.dueAt, calendar }, until, policy.sla.atRiskPercent, attempt.respondedAt);
  if (attempt.result === 'missed' && !attempt.respondedAt) return { ...reading, status: 'missed' };
  return reading;
}

/** Whether the lead is stuck: still waiting for an accept or reject past the decision due time. */
export function isStuck(attempt: SlaAttempt | undefined, state: string, now: Date): boolean {
  return state === 'routed' && attempt?.decisionDueAt !== undefined && now.getTime() > attempt.decisionDueAt.getTime();
}

/** Reassignments for a missed SLA in this handoff (what escalation.maxReassignments limits). */
export function reassignmentsIn(attempts: readonly SlaAttempt[]): number {
  return attempts.filter((a) => a.source === 'reassign').length;
}

/** The attempt the lead is on now. */
export function currentAttempt(attempts: readonly SlaAttempt[]): SlaAttempt | undefined {
  return attempts.at(-1);
}
