import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { currentAttempt } from '../sla/attempt.js';
import { handOver, withAttempts } from './handoffAttempts.js';
import { ownerNameOf } from './handoffOf.js';

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
  return handOver(base, to, 'hubspot', now, `owner changed in HubSpot to ${ownerNameOf(policy, to)}`, policy).record;
}
