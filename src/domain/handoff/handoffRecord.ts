import type { QualificationStage } from '../qualification/qualify.js';
import type { SlaAttempt } from '../sla/attempt.js';
import type { HandoffState } from './handoff.js';

/** The qualification judged when the lead was routed: what it met, the values seen, under which policy. */
export interface RecordedQualification {
  stage: QualificationStage;
  summary: string;
  policyVersion: string;
  judgedAt: Date;
  criteria: { id: string; label: string; within: string[]; met: boolean; why: string }[];
}

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
  /** The recycle reason's code (the policy's recycleReasons), or the rule that recycled it. */
  recycleReason?: string;
  /** Every assignment of this handoff, oldest first; the last is the current one (routedAt, slaDueAt… mirror it). */
  attempts: SlaAttempt[];
  /** The qualification recorded when the lead was routed. */
  qualification?: RecordedQualification;
  escalationsDone: string[];
  /** The open follow-up task in the owner's queue, if routing created one. */
  taskId?: string;
  version: number;
}

export function emptyRecord(contactId: string): HandoffRecord {
  return { contactId, state: 'new', handoffCount: 0, attempts: [], escalationsDone: [], version: 0 };
}

/**
 * The record with `attempt` as its current attempt (replacing the last one, or appended when it is
 * new): routedAt, slaDueAt, firstTouchAt and timeToFirstTouchMinutes always mirror it.
 */
export function withAttempt(record: HandoffRecord, attempt: SlaAttempt): HandoffRecord {
  const last = record.attempts.at(-1);
  const attempts = last && last.number === attempt.number ? [...record.attempts.slice(0, -1), attempt] : [...record.attempts, attempt];
  const { firstTouchAt: _t, timeToFirstTouchMinutes: _m, ...rest } = record;
  return {
    ...rest,
    attempts,
    ownerId: attempt.ownerId,
    routedAt: attempt.startedAt,
    slaDueAt: attempt.dueAt,
    slaTierId: attempt.tierId,
    ...(attempt.firstTouchAt ? { firstTouchAt: attempt.firstTouchAt, timeToFirstTouchMinutes: attempt.firstTouchMinutes ?? 0 } : {}),
  };
}

/** The record with its current attempt replaced by `update(current)` (no change when there is none). */
export function updateCurrentAttempt(record: HandoffRecord, update: (a: SlaAttempt) => SlaAttempt): HandoffRecord {
  const current = record.attempts.at(-1);
  return current ? withAttempt(record, update(current)) : record;
}
