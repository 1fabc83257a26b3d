import { withAttempt, type HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { closeAttempt, currentAttempt, openAttempt } from '../sla/attempt.js';
import { withAttempts } from './decideSlaCheck.js';
import { ownerCalendar, personByOwnerId } from './handoffOf.js';

/**
 * The owner was changed by hand in HubSpot. A routed lead becomes the new owner's attempt, with a
 * fresh SLA on the same tier (the previous owner's closes: missed if they were past due, withdrawn
 * if not); an accepted lead keeps its attempt (the response was given) under its new owner.
 */
export function decideOwnerChanged(stored: HandoffRecord, to: string | undefined, policy: HandoffPolicy, now: Date): HandoffRecord {
  const record = withAttempts(stored, policy);
  const previous = currentAttempt(record.attempts);
  const base = { ...record, version: stored.version + 1 };
  if (!to) {
    const { ownerId: _o, ...rest } = base;
    return rest;
  }
  if (record.state !== 'routed' || !previous) return { ...base, ownerId: to };
  const tier = policy.sla.tiers.find((t) => t.id === previous.tierId) ?? policy.sla.tiers.at(-1)!;
  const closed = closeAttempt(previous, now, `owner changed in HubSpot to ${personByOwnerId(policy, to)?.name ?? `owner ${to}`}`);
  const opened = openAttempt(previous.number + 1, to, 'hubspot', now, tier, ownerCalendar(policy, to), policy);
  return withAttempt({ ...withAttempt(base, closed), escalationsDone: [] }, opened);
}
