import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { Lead } from '../lead.js';
import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { ownerIdOf } from '../routing/availability.js';
import { route, type RoutingDecision } from '../routing/route.js';
import type { RoutingSnapshot } from '../routing/snapshot.js';
import { reassignmentsIn } from '../sla/attempt.js';
import { managerOf, ownerNameOf } from '../decisions/handoffOf.js';

/** Where a lead goes when it must leave its owner: a new owner with the reason, back to marketing, or nowhere. */
export type NextOwner =
  | { kind: 'owner'; ownerId: string; ruleId: string; explanation: string; source: 'reassign' | 'reroute' | 'exhausted'; routing?: RoutingDecision }
  | { kind: 'recycle'; why: string }
  | { kind: 'stays'; why: string };


/**
 * The next owner of a lead whose owner missed its SLA (`missed`) or rejected it for a reason the
 * policy reroutes (`rejected`). Routing runs again with every owner who already had this handoff
 * left out, so it never goes back to one of them. When the policy's limit on reassignments is
 * reached, or nobody is left, it goes where escalation.whenExhausted says, once: the last owner's
 * manager, the routing fallback, or back to marketing.
 */
export function nextOwner(record: HandoffRecord, lead: Lead, routing: RoutingSnapshot, policy: HandoffPolicy, now: Date, because: 'missed' | 'rejected'): NextOwner {
  const attempts = record.attempts;
  const current = record.ownerId;
  const had = new Map<string, string>();
  for (const a of attempts) had.set(a.ownerId, a.result === 'missed' ? 'missed the SLA on this lead' : a.ownerId === current && because === 'rejected' ? 'rejected this lead' : 'already had this lead');
  const max = policy.escalation.maxReassignments;
  const made = reassignmentsIn(attempts);
  if (because === 'missed' && attempts.at(-1)?.source === 'exhausted') {
    return { kind: 'stays', why: `it already went to ${ownerNameOf(policy, current)} when reassignment ran out; it is not moved again` };
  }
  if (because === 'missed' && max !== undefined && made >= max) {
    return exhausted(record, policy, `the policy allows ${max} reassignment${max === 1 ? '' : 's'} and ${made} ${made === 1 ? 'was' : 'were'} made`);
  }
  const decision = route(lead, { ...routing, unavailableOwners: { ...routing.unavailableOwners, ...Object.fromEntries(had) } }, policy, now);
  if (decision.strategy === 'fallback' || had.has(decision.ownerId)) {
    return exhausted(record, policy, 'nobody who has not already had this lead is available');
  }
  const lead_ = because === 'missed' ? `${ownerNameOf(policy, current)} missed the SLA` : `${ownerNameOf(policy, current)} rejected it for another owner`;
  return { kind: 'owner', ownerId: decision.ownerId, ruleId: decision.ruleId, explanation: `${lead_}; never back to an owner who had it. ${decision.explanation}`, source: because === 'missed' ? 'reassign' : 'reroute', routing: decision };
}

/** escalation.whenExhausted: the manager of the last owner's team (or the fallback when that is the owner), the fallback, or recycle. */
function exhausted(record: HandoffRecord, policy: HandoffPolicy, why: string): NextOwner {
  const target = policy.escalation.whenExhausted;
  if (target === 'recycle') return { kind: 'recycle', why: `${why}, so back to marketing (escalation.whenExhausted: recycle)` };
  const fallback = policy.people.find((p) => p.id === policy.routing.fallback.owner)!;
  const manager = target === 'manager' ? managerOf(policy, record.ownerId) : undefined;
  const candidates: { person: Person; as: string }[] = [
    ...(manager ? [{ person: manager, as: "the team's manager" }] : []),
    { person: fallback, as: `the routing fallback ("${policy.routing.fallback.label}")` },
  ];
  const pick = candidates.find((c) => ownerIdOf(c.person) !== record.ownerId);
  if (!pick) return { kind: 'stays', why: `${why}, and the policy's target is the current owner; it stays with them` };
  return {
    kind: 'owner',
    ownerId: ownerIdOf(pick.person),
    ruleId: `exhausted-${target}`,
    explanation: `${pick.person.name}, ${pick.as}: ${why} (escalation.whenExhausted: ${target}).`,
    source: 'exhausted',
  };
}
