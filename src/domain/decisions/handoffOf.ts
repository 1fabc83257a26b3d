import type { Handoff } from '../handoff/handoff.js';
import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { ownerIdOf } from '../routing/availability.js';
import { calendarFor } from '../sla/sla.js';
import type { BusinessCalendar } from '../sla/businessCalendar.js';

/** The state machine's view of a stored record (history lives in HubSpot, not here). */
export function handoffOf(record: HandoffRecord): Handoff {
  return {
    contactId: record.contactId,
    state: record.state,
    handoffCount: record.handoffCount,
    history: [],
    ...(record.ownerId !== undefined ? { ownerId: record.ownerId } : {}),
    ...(record.policyVersion !== undefined ? { policyVersion: record.policyVersion } : {}),
  };
}

export function personByOwnerId(policy: HandoffPolicy, ownerId: string | undefined): Person | undefined {
  return ownerId === undefined ? undefined : policy.people.find((p) => ownerIdOf(p) === ownerId);
}

/** An owner as people read them: the policy's name, or "owner <id>" for one the policy does not name. */
export function ownerNameOf(policy: HandoffPolicy, ownerId: string | undefined): string {
  return personByOwnerId(policy, ownerId)?.name ?? `owner ${ownerId ?? 'none'}`;
}

/** The calendar an owner's SLA runs on: theirs, or the first team's for an owner not in the policy. */
export function ownerCalendar(policy: HandoffPolicy, ownerId: string | undefined): BusinessCalendar {
  const person = personByOwnerId(policy, ownerId) ?? policy.people.find((p) => p.team === policy.teams[0]!.id)!;
  return calendarFor(person, policy);
}

/** The manager of an owner's team, who escalations go to. */
export function managerOf(policy: HandoffPolicy, ownerId: string | undefined): Person | undefined {
  const person = personByOwnerId(policy, ownerId);
  const team = policy.teams.find((t) => t.id === person?.team);
  return team ? policy.people.find((p) => p.id === team.manager) : undefined;
}

/**
 * Who may accept, reject or recycle a handoff: a workflow or the system always; a person only if
 * they own it or manage the owner's team. The one definition the decision and the card both read.
 */
export function mayActOn(policy: HandoffPolicy, record: Pick<HandoffRecord, 'ownerId'>, actor: { kind: 'user' | 'workflow' | 'system'; id: string }): boolean {
  if (actor.kind !== 'user') return true;
  const manager = managerOf(policy, record.ownerId);
  return actor.id === record.ownerId || (manager !== undefined && ownerIdOf(manager) === actor.id);
}

/** A task to put in someone's HubSpot task queue (HubSpot notifies them). */
export interface TaskToCreate {
  ownerId: string;
  subject: string;
  body: string;
  dueAt: Date;
  priority: 'HIGH' | 'MEDIUM' | 'LOW';
}
