import { DomainError, DomainErrorCode } from '../errors.js';
import type { Actor, Transition } from '../handoff/handoff.js';
import { withAttempt, type HandoffRecord, type RecordedQualification } from '../handoff/handoffRecord.js';
import { openAttempt } from '../sla/attempt.js';
import { IN_HANDOFF_STATES, transition } from '../handoff/stateMachine.js';
import type { Lead } from '../lead.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { qualify, type Qualification } from '../qualification/qualify.js';
import { criterionKey } from '../evidence/definitionCriteria.js';
import { reMqlAllowed } from '../recycling/recycling.js';
import { route, type RoutingDecision } from '../routing/route.js';
import type { RoutingSnapshot } from '../routing/snapshot.js';
import { slaTierFor } from '../sla/sla.js';
import { formatInstant } from '../labels/labels.js';
import { contactName } from '../labels/contactName.js';
import { ownerIdOf } from '../routing/availability.js';
import { handoffOf, ownerCalendar, type TaskToCreate } from './handoffOf.js';
import { followUpTask } from './followUpTask.js';

export interface RouteLeadSnapshot {
  record: HandoffRecord;
  lead: Lead;
  routing: RoutingSnapshot;
  /** Start the SLA for an owner assigned outside Handoff (HubSpot's own rotation) instead of routing. */
  assignedOwnerId?: string;
}

export type RouteLeadDecision =
  | { outcome: 'routed'; record: HandoffRecord; qualification: Qualification; routing: RoutingDecision; transitions: Transition[]; task?: TaskToCreate }
  | { outcome: 'not_mql'; record: HandoffRecord; qualification: Qualification }
  | { outcome: 'already_in_handoff'; record: HandoffRecord; qualification: Qualification };


/**
 * Route a lead: qualify it, and if it is an MQL (and not cooling off after recycling), make it
 * an MQL, route it with reasons and start its SLA on the new owner's business calendar.
 * A lead already in a handoff is left alone, so a repeated delivery changes nothing.
 */
export function decideRouteLead(snapshot: RouteLeadSnapshot, policy: HandoffPolicy, now: Date, actor: Actor): RouteLeadDecision {
  const { record, lead } = snapshot;
  const qualification = qualify(lead, policy, now);
  if (IN_HANDOFF_STATES.includes(record.state)) return { outcome: 'already_in_handoff', record, qualification };
  if (qualification.stage !== 'mql') return { outcome: 'not_mql', record, qualification };
  if (record.state === 'recycled' && record.recycledAt) {
    const coolOff = reMqlAllowed(record.recycledAt, policy, now);
    if (!coolOff.allowed) {
      throw new DomainError(DomainErrorCode.COOLING_OFF, `recycled on ${formatInstant(record.recycledAt, ownerCalendar(policy, undefined).timeZone)}; it may become an MQL again from ${formatInstant(coolOff.allowedFrom, ownerCalendar(policy, undefined).timeZone, true)} (the policy's ${policy.recycling.reMqlCoolOffDays}-day cool-off)`, {
        contactId: record.contactId,
        allowedFrom: coolOff.allowedFrom.toISOString(),
      });
    }
  }
  const decision = snapshot.assignedOwnerId ? assignedDecision(snapshot.assignedOwnerId, lead, policy, now) : route(lead, snapshot.routing, policy, now);
  const qualified = transition(handoffOf(record), { type: 'qualify' }, { actor, at: now, policy });
  const routed = transition(qualified, { type: 'route', ownerId: decision.ownerId, ruleId: decision.ruleId }, { actor, at: now, policy, reason: decision.explanation });
  const tier = policy.sla.tiers.find((t) => t.id === decision.slaTierId)!;
  const attempt = openAttempt(1, decision.ownerId, snapshot.assignedOwnerId ? 'hubspot' : 'route', now, tier, ownerCalendar(policy, decision.ownerId), policy);
  const dueAt = attempt.dueAt;
  const next: HandoffRecord = withAttempt(
    {
      contactId: record.contactId,
      state: 'routed',
      policyVersion: policy.version,
      handoffCount: routed.handoffCount,
      mqlAt: now,
      routingRuleId: decision.ruleId,
      routingExplanation: decision.explanation,
      attempts: [],
      qualification: recordedQualification(qualification, now),
      escalationsDone: [],
      version: record.version + 1,
      ...(record.recycledAt ? { recycledAt: record.recycledAt } : {}),
    },
    attempt,
  );
  const name = contactName(lead.contact, record.contactId);
  const task = followUpTask(policy, {
    because: 'routed',
    ownerId: decision.ownerId,
    tier,
    dueAt,
    subject: `Follow up: ${name} (${tier.label})`,
    body: `${qualification.summary}\n${decision.explanation}\nResponse due ${formatInstant(dueAt, ownerCalendar(policy, decision.ownerId).timeZone, true)} (${tier.firstTouchBusinessHours} business hour${tier.firstTouchBusinessHours === 1 ? '' : 's'}, policy ${policy.version}).`,
  });
  return { outcome: 'routed', record: next, qualification, routing: decision, transitions: routed.history, ...(task ? { task } : {}) };
}

/** The qualification as it was judged at routing, kept with the handoff (the card shows it, not a re-check). */
export function recordedQualification(q: Qualification, at: Date): RecordedQualification {
  const criterion = (c: Qualification['met'][number]) => ({ id: criterionKey(c), label: c.label, within: c.within, met: c.met, why: c.why });
  return { stage: q.stage, summary: q.summary, policyVersion: q.policyVersion, judgedAt: at, criteria: q.criteria.map(criterion) };
}

/** The "decision" for an owner HubSpot already assigned: no routing, the SLA starts for them. */
function assignedDecision(ownerId: string, lead: Lead, policy: HandoffPolicy, now: Date): RoutingDecision {
  const person = policy.people.find((p) => ownerIdOf(p) === ownerId);
  const tier = slaTierFor(lead, policy, now);
  return {
    ownerId,
    personId: person?.id ?? `owner:${ownerId}`,
    ...(person?.team ? { teamId: person.team } : {}),
    ruleId: 'assigned-in-hubspot',
    strategy: 'fixed_owner',
    explanation: `${person?.name ?? `Owner ${ownerId}`} was assigned in HubSpot before the handoff; Handoff started the SLA for them.`,
    skipped: [],
    considered: [],
    slaTierId: tier.id,
    hot: tier.hot,
  };
}
