import type { Actor, Transition } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';
import { transition } from '../handoff/stateMachine.js';
import type { Lead } from '../lead.js';
import type { EscalationStep, HandoffPolicy } from '../policy/policy.schema.js';
import { dueEscalations } from '../escalation/nextEscalation.js';
import { nextSlaCheckAt } from './nextSlaCheck.js';
import { nextOwner } from '../escalation/nextOwner.js';
import { recyclingDecision } from '../recycling/recycling.js';
import { ownerIdOf } from '../routing/availability.js';
import type { RoutingDecision } from '../routing/route.js';
import type { RoutingSnapshot } from '../routing/snapshot.js';
import { currentAttempt, readAttempt, type SlaAttempt } from '../sla/attempt.js';
import { handOver, sendBackToMarketing, withAttempts, withFirstTouch } from './handoffAttempts.js';
import type { SlaReading } from '../sla/sla.js';
import { formatInstant } from '../labels/labels.js';
import { handoffOf, managerOf, ownerCalendar, ownerNameOf, personByOwnerId, type TaskToCreate } from './handoffOf.js';
import { followUpTask } from './followUpTask.js';

export interface SlaCheckSnapshot {
  record: HandoffRecord;
  /** The first sales activity HubSpot recorded at or after the current attempt began (call, email, meeting). */
  firstTouchAt?: Date;
  /** The latest sales activity HubSpot recorded. */
  lastActivityAt?: Date;
  /** Needed only when a reassignment is due (see `slaCheckNeedsRouting`). */
  lead?: Lead;
  routing?: RoutingSnapshot;
}

export interface SlaCheckDecision {
  record: HandoffRecord;
  changed: boolean;
  /** The current attempt's SLA, read the one way every surface reads it. */
  reading?: SlaReading;
  escalations: { step: EscalationStep; dueAt: Date; to?: string; note?: string }[];
  reassigned?: { ownerId: string; ruleId: string; explanation: string; source: SlaAttempt['source']; routing?: RoutingDecision };
  recycled?: { why: string; ownerId?: string };
  transitions: Transition[];
  tasks: TaskToCreate[];
  closeTaskId?: string;
  /** When the next thing can happen (a step, a stuck lead, an idle accepted lead's recycle): check again then. */
  nextCheckAt?: Date;
}

/** Whether a check now would reassign, so the caller must fetch the lead and a routing snapshot first. */
export function slaCheckNeedsRouting(stored: HandoffRecord, policy: HandoffPolicy, now: Date, firstTouchAt?: Date): boolean {
  const record = withFirstTouch(withAttempts(stored, policy), policy, firstTouchAt);
  const attempt = currentAttempt(record.attempts);
  if (record.state !== 'routed' || !attempt) return false;
  return dueEscalations({ state: record.state, attempt, calendar: ownerCalendar(policy, attempt.ownerId), stepsDone: record.escalationsDone }, policy, now).some((s) => s.step.action === 'reassign');
}

/**
 * The SLA check: takes a touch logged in HubSpot as the owner's response, takes every escalation
 * step that has fallen due on the current attempt (remind, tell the manager, reassign: never back
 * to an owner who had the lead, within the policy's limit), the stuck steps of a lead nobody
 * accepted or rejected in time, and recycles an accepted lead left idle too long.
 */
export function decideSlaCheck(snapshot: SlaCheckSnapshot, policy: HandoffPolicy, now: Date, actor: Actor): SlaCheckDecision {
  const before = withAttempts(snapshot.record, policy);
  let record: HandoffRecord = withFirstTouch({ ...before, escalationsDone: [...before.escalationsDone] }, policy, snapshot.firstTouchAt);
  const out: SlaCheckDecision = { record, changed: currentAttempt(record.attempts) !== currentAttempt(snapshot.record.attempts ?? []), escalations: [], transitions: [], tasks: [] };

  const attemptNow = currentAttempt(record.attempts);
  if (record.state === 'routed' && attemptNow) {
    const calendar = ownerCalendar(policy, attemptNow.ownerId);
    for (const due of dueEscalations({ state: record.state, attempt: attemptNow, calendar, stepsDone: record.escalationsDone }, policy, now)) {
      const { step } = due;
      record.escalationsDone.push(step.id);
      out.changed = true;
      if (step.action === 'remind_owner' && record.ownerId) {
        out.escalations.push({ step, dueAt: due.dueAt, to: record.ownerId });
        if (policy.notifications.escalationTasks) out.tasks.push(escalationTask(record.ownerId, step, record, policy, 'MEDIUM'));
      } else if (step.action === 'notify_manager') {
        const manager = managerOf(policy, record.ownerId);
        const to = manager ? ownerIdOf(manager) : undefined;
        out.escalations.push({ step, dueAt: due.dueAt, ...(to ? { to } : {}) });
        if (to && policy.notifications.escalationTasks) out.tasks.push(escalationTask(to, step, record, policy, 'HIGH'));
      } else if (step.action === 'reassign') {
        if (!snapshot.lead || !snapshot.routing) throw new Error('decideSlaCheck: a reassignment is due; fetch the lead and a routing snapshot first (slaCheckNeedsRouting)');
        const next = nextOwner(record, snapshot.lead, snapshot.routing, policy, now, 'missed');
        if (next.kind === 'stays') {
          out.escalations.push({ step, dueAt: due.dueAt, note: `not reassigned: ${next.why}` });
          continue;
        }
        if (next.kind === 'recycle') {
          recycle(`${step.label}: ${next.why}`);
          break;
        }
        out.escalations.push({ step, dueAt: due.dueAt, to: next.ownerId });
        move(next, `${step.label}: ${next.explanation}`, 'reassign');
        break;
      } else if (step.action === 'recycle') {
        recycle(`${step.label} (SLA escalation)`);
        break;
      }
    }
    const current = currentAttempt(record.attempts)!;
    if (record.state === 'routed') {
      const cal = ownerCalendar(policy, current.ownerId);
      out.reading = readAttempt(current, now, policy, cal);
      const next = nextSlaCheckAt(record, policy, now);
      if (next) out.nextCheckAt = next;
    }
  } else if (record.state === 'accepted' || record.state === 'rejected') {
    if (attemptNow) out.reading = readAttempt(attemptNow, now, policy, ownerCalendar(policy, attemptNow.ownerId));
    const decision = recyclingDecision(
      {
        state: record.state,
        calendar: ownerCalendar(policy, record.ownerId),
        ...(record.acceptedAt ? { acceptedAt: record.acceptedAt } : {}),
        ...(snapshot.lastActivityAt ? { lastActivityAt: snapshot.lastActivityAt } : {}),
        ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
      },
      policy,
      now,
    );
    if (decision.recycle) recycle(decision.why);
    else {
      const next = nextSlaCheckAt(record, policy, now, snapshot.lastActivityAt);
      if (next) out.nextCheckAt = next;
    }
  }

  /** The lead leaves its owner for `next`: their attempt closes (missed if past due), the new owner's opens. */
  function move(next: Extract<ReturnType<typeof nextOwner>, { kind: 'owner' }>, reason: string, event: 'reassign') {
    const moved = transition(handoffOf(record), { type: event, ownerId: next.ownerId, ruleId: next.ruleId }, { actor, at: now, policy, reason });
    out.transitions.push(...moved.history);
    out.reassigned = next;
    if (record.taskId) out.closeTaskId = record.taskId;
    const { taskId: _closed, ...rest } = record;
    const handed = handOver({ ...(rest as HandoffRecord), routingRuleId: next.ruleId, routingExplanation: next.explanation }, next.ownerId, next.source, now, `reassigned to ${personByOwnerId(policy, next.ownerId)?.name ?? next.ownerId}`, policy);
    record = handed.record;
    const task = followUpTask(policy, { because: 'reassigned', ownerId: next.ownerId, tier: handed.tier, dueAt: handed.opened.dueAt, subject: `Reassigned to you: follow up (${handed.tier.label})`, body: reason });
    if (task) out.tasks.push(task);
  }

  function recycle(why: string) {
    if (record.taskId) out.closeTaskId = record.taskId;
    const { taskId: _closed, ...rest } = record;
    const sent = sendBackToMarketing(rest as HandoffRecord, policy, { actor, at: now, why });
    out.transitions.push(...sent.transitions);
    record = sent.record;
    out.recycled = { why, ...(sent.ownerId ? { ownerId: sent.ownerId } : {}) };
    out.changed = true;
  }

  out.changed = out.changed || out.transitions.length > 0;
  if (out.changed) record.version = snapshot.record.version + 1;
  out.record = record;
  return out;
}

function escalationTask(ownerId: string, step: EscalationStep, record: HandoffRecord, policy: HandoffPolicy, priority: TaskToCreate['priority']): TaskToCreate {
  const owner = ownerNameOf(policy, record.ownerId);
  const stuck = step.at.kind === 'stuck';
  return {
    ownerId,
    subject: `${stuck ? 'Stuck lead' : 'SLA escalation'}: ${step.label}`,
    body: stuck
      ? `The lead routed to ${owner} has been neither accepted nor rejected within ${policy.sla.decisionBusinessDays} business days.`
      : `The lead routed to ${owner} has had no response yet; it was due ${formatInstant(record.slaDueAt, ownerCalendar(policy, record.ownerId).timeZone, true)}.`,
    dueAt: stuck ? (currentAttempt(record.attempts)?.decisionDueAt ?? record.slaDueAt ?? record.routedAt!) : (record.slaDueAt ?? record.routedAt!),
    priority,
  };
}

/**
 * The SLA status of a handoff's current attempt at `now`, the one value the card, the
 * handoff_sla_status property and the home page all show; undefined before it was ever assigned.
 */
export function slaStatusOf(record: HandoffRecord, policy: HandoffPolicy, now: Date): SlaReading['status'] | undefined {
  const attempt = currentAttempt(withAttempts(record, policy).attempts);
  // A turn that ended before it was due (the lead moved on in time) has no SLA result to show.
  if (!attempt || attempt.result === 'withdrawn') return undefined;
  return readAttempt(attempt, now, policy, ownerCalendar(policy, attempt.ownerId)).status;
}
