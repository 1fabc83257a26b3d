import type { Actor, Transition } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';
import { transition } from '../handoff/stateMachine.js';
import type { Lead } from '../lead.js';
import type { EscalationStep, HandoffPolicy } from '../policy/policy.schema.js';
import { dueEscalations, nextEscalation } from '../escalation/nextEscalation.js';
import { recyclingDecision } from '../recycling/recycling.js';
import { ownerIdOf } from '../routing/availability.js';
import { route, type RoutingDecision } from '../routing/route.js';
import type { RoutingSnapshot } from '../routing/snapshot.js';
import { businessMinutesBetween } from '../sla/businessCalendar.js';
import { readSla, slaDue, type SlaReading } from '../sla/sla.js';
import { handoffOf, managerOf, ownerCalendar, type TaskToCreate } from './handoffOf.js';

export interface SlaCheckSnapshot {
  record: HandoffRecord;
  /** The first sales activity HubSpot recorded at or after routing (call, email, meeting). */
  firstTouchAt?: Date;
  /** The latest sales activity HubSpot recorded. */
  lastActivityAt?: Date;
  /** Reassignments already made in this handoff (since it was last routed), from its timeline. */
  reassignments?: number;
  /** Needed only when a reassignment is due (see `slaCheckNeedsRouting`). */
  lead?: Lead;
  routing?: RoutingSnapshot;
}

export interface SlaCheckDecision {
  record: HandoffRecord;
  changed: boolean;
  reading?: SlaReading;
  escalations: { step: EscalationStep; dueAt: Date; to?: string }[];
  reassigned?: RoutingDecision;
  recycled?: { why: string; ownerId?: string };
  transitions: Transition[];
  tasks: TaskToCreate[];
  closeTaskId?: string;
  /** When the next thing can happen: a workflow delays until then and checks again. */
  nextCheckAt?: Date;
}

/** Whether a check now would reassign, so the caller must fetch the lead and a routing snapshot first. */
export function slaCheckNeedsRouting(record: HandoffRecord, policy: HandoffPolicy, now: Date, firstTouchAt?: Date, reassignments = 0): boolean {
  const input = escalationInput(record, policy, firstTouchAt);
  return input !== undefined && !reassignmentsUsedUp(policy, reassignments) && dueEscalations(input, policy, now).some((s) => s.step.action === 'reassign');
}

/** Whether the policy's limit on reassignments is reached, so a due reassignment recycles instead. */
function reassignmentsUsedUp(policy: HandoffPolicy, reassignments: number): boolean {
  const max = policy.escalation.maxReassignments;
  return max !== undefined && reassignments >= max;
}

function escalationInput(record: HandoffRecord, policy: HandoffPolicy, firstTouchAt?: Date) {
  if (record.state !== 'routed' || !record.routedAt || !record.slaTierId) return undefined;
  const tier = policy.sla.tiers.find((t) => t.id === record.slaTierId) ?? policy.sla.tiers.at(-1)!;
  const touch = firstTouchAt ?? record.firstTouchAt;
  return {
    state: record.state,
    slaStart: record.routedAt,
    slaHours: tier.firstTouchBusinessHours,
    calendar: ownerCalendar(policy, record.ownerId),
    stepsDone: record.escalationsDone,
    ...(touch ? { firstTouchAt: touch } : {}),
  };
}

/**
 * The SLA check: records the first touch (and whether the SLA was met), takes every escalation
 * step that has fallen due (remind the owner, tell the manager, reassign), and recycles what the
 * policy sends back to marketing (rejected for a recycle reason, accepted and idle too long).
 */
export function decideSlaCheck(snapshot: SlaCheckSnapshot, policy: HandoffPolicy, now: Date, actor: Actor): SlaCheckDecision {
  let record: HandoffRecord = { ...snapshot.record, escalationsDone: [...snapshot.record.escalationsDone] };
  const out: SlaCheckDecision = { record, changed: false, escalations: [], transitions: [], tasks: [] };
  const calendar = ownerCalendar(policy, record.ownerId);

  if (record.state === 'routed' && record.routedAt && record.slaDueAt) {
    const touch = snapshot.firstTouchAt && snapshot.firstTouchAt >= record.routedAt ? snapshot.firstTouchAt : undefined;
    if (touch && !record.firstTouchAt) {
      record.firstTouchAt = touch;
      record.timeToFirstTouchMinutes = businessMinutesBetween(record.routedAt, touch, calendar);
      out.changed = true;
    }
    out.reading = readSla({ start: record.routedAt, due: record.slaDueAt, calendar }, now, policy.sla.atRiskPercent, record.firstTouchAt);
    const input = escalationInput(record, policy)!;
    for (const due of dueEscalations(input, policy, now)) {
      const { step } = due;
      record.escalationsDone.push(step.id);
      out.changed = true;
      if (step.action === 'remind_owner' && record.ownerId) {
        out.escalations.push({ step, dueAt: due.dueAt, to: record.ownerId });
        if (policy.notifications.escalationTasks) out.tasks.push(escalationTask(record.ownerId, step, record, 'MEDIUM'));
      } else if (step.action === 'notify_manager') {
        const manager = managerOf(policy, record.ownerId);
        const to = manager ? ownerIdOf(manager) : undefined;
        out.escalations.push({ step, dueAt: due.dueAt, ...(to ? { to } : {}) });
        if (to && policy.notifications.escalationTasks) out.tasks.push(escalationTask(to, step, record, 'HIGH'));
      } else if (step.action === 'reassign' && reassignmentsUsedUp(policy, snapshot.reassignments ?? 0)) {
        const n = snapshot.reassignments ?? 0;
        recycle(`${step.label}: not touched after ${n} reassignment${n === 1 ? '' : 's'} (the policy allows ${policy.escalation.maxReassignments}), so back to marketing`);
        break;
      } else if (step.action === 'reassign' && snapshot.lead && snapshot.routing) {
        const previous = record.ownerId;
        const routing: RoutingSnapshot = {
          ...snapshot.routing,
          unavailableOwners: { ...snapshot.routing.unavailableOwners, ...(previous ? { [previous]: `missed the SLA on this lead (${step.label})` } : {}) },
        };
        const decision = route(snapshot.lead, routing, policy, now);
        const moved = transition(handoffOf(record), { type: 'reassign', ownerId: decision.ownerId, ruleId: decision.ruleId }, { actor, at: now, policy, reason: `${step.label}: ${decision.explanation}` });
        out.escalations.push({ step, dueAt: due.dueAt, to: decision.ownerId });
        out.transitions.push(...moved.history);
        out.reassigned = decision;
        const tier = policy.sla.tiers.find((t) => t.id === record.slaTierId) ?? policy.sla.tiers.at(-1)!;
        const slaDueAt = slaDue(now, tier.firstTouchBusinessHours, ownerCalendar(policy, decision.ownerId));
        if (record.taskId) out.closeTaskId = record.taskId;
        const { taskId: _closed, ...rest } = record;
        record = { ...rest, ownerId: decision.ownerId, routedAt: now, slaDueAt, routingRuleId: decision.ruleId, routingExplanation: decision.explanation, escalationsDone: [] };
        if (policy.notifications.followUpTask) {
          out.tasks.push({ ownerId: decision.ownerId, subject: `Reassigned to you: follow up (${tier.label})`, body: `${step.label}. ${decision.explanation}`, dueAt: slaDueAt, priority: 'HIGH' });
        }
        out.reading = readSla({ start: now, due: slaDueAt, calendar: ownerCalendar(policy, decision.ownerId) }, now, policy.sla.atRiskPercent);
        break;
      } else if (step.action === 'recycle') {
        recycle(`${step.label} (SLA escalation)`);
        break;
      }
    }
    const next = record.state === 'routed' ? nextEscalation(escalationInput(record, policy)!, policy, now) : undefined;
    if (next) out.nextCheckAt = next.dueAt;
  } else if (record.state === 'accepted' || record.state === 'rejected') {
    const decision = recyclingDecision(
      {
        state: record.state,
        calendar,
        ...(record.acceptedAt ? { acceptedAt: record.acceptedAt } : {}),
        ...(snapshot.lastActivityAt ? { lastActivityAt: snapshot.lastActivityAt } : {}),
        ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
      },
      policy,
      now,
    );
    if (decision.recycle) recycle(decision.why);
    else if (decision.dueAt) out.nextCheckAt = decision.dueAt;
  }

  function recycle(why: string) {
    const reEngagement = policy.people.find((p) => p.id === policy.recycling.reEngagementOwner);
    const ownerId = reEngagement ? ownerIdOf(reEngagement) : undefined;
    const moved = transition(handoffOf(record), { type: 'recycle', ...(ownerId ? { reEngagementOwnerId: ownerId } : {}) }, { actor, at: now, policy, reason: why });
    out.transitions.push(...moved.history);
    if (record.taskId) out.closeTaskId = record.taskId;
    const { taskId: _closed, ...rest } = record;
    record = { ...rest, state: 'recycled', recycledAt: now, ...(ownerId ? { ownerId } : {}) };
    out.recycled = { why, ...(ownerId ? { ownerId } : {}) };
    out.changed = true;
  }

  if (out.changed || out.transitions.length) record.version = snapshot.record.version + 1;
  out.record = record;
  out.changed = out.changed || out.transitions.length > 0;
  return out;
}

function escalationTask(ownerId: string, step: EscalationStep, record: HandoffRecord, priority: TaskToCreate['priority']): TaskToCreate {
  return {
    ownerId,
    subject: `SLA escalation: ${step.label}`,
    body: `Contact ${record.contactId} was routed to owner ${record.ownerId} at ${record.routedAt?.toISOString()}; first touch was due ${record.slaDueAt?.toISOString()}.`,
    dueAt: record.slaDueAt ?? record.routedAt!,
    priority,
  };
}
