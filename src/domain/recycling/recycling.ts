import { DateTime } from 'luxon';
import type { HandoffState } from '../handoff/handoff.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { BusinessCalendar } from '../sla/businessCalendar.js';
import { addBusinessDays } from '../sla/businessDays.js';
import { formatInstant } from '../labels/labels.js';

export interface RecyclingInput {
  state: HandoffState;
  acceptedAt?: Date;
  /** Last sales activity HubSpot recorded on the contact (call, email, meeting). */
  lastActivityAt?: Date;
  rejectionReason?: string;
  calendar: BusinessCalendar;
}

export type RecyclingDecision =
  | { recycle: true; why: string; reEngagementOwner: string }
  | { recycle: false; why: string; dueAt?: Date };

/**
 * Should this handoff go back to marketing? Rejected with a reason the policy maps to
 * "recycle" → yes, now. Accepted with no sales activity for N business days → yes, once
 * that time has passed (dueAt says when). Everything else stays where it is.
 */
export function recyclingDecision(input: RecyclingInput, policy: HandoffPolicy, now: Date): RecyclingDecision {
  const owner = policy.recycling.reEngagementOwner;
  if (input.state === 'rejected') {
    const reason = policy.rejectionReasons.find((r) => r.code === input.rejectionReason);
    if (!reason) return { recycle: false, why: `rejected with an unknown reason (${input.rejectionReason ?? 'none'}); a person must decide` };
    if (reason.outcome === 'recycle') return { recycle: true, why: `rejected as "${reason.label}", which the policy sends back to marketing`, reEngagementOwner: owner };
    return { recycle: false, why: `rejected as "${reason.label}": the policy says ${reason.outcome}` };
  }
  if (input.state === 'accepted' && input.acceptedAt) {
    const since = input.lastActivityAt && input.lastActivityAt > input.acceptedAt ? input.lastActivityAt : input.acceptedAt;
    const n = policy.recycling.acceptedNoActivityBusinessDays;
    const dueAt = addBusinessDays(since, n, input.calendar);
    if (dueAt.getTime() <= now.getTime()) {
      return { recycle: true, why: `accepted, but no sales activity for ${n} business days (since ${formatInstant(since, input.calendar.timeZone)})`, reEngagementOwner: owner };
    }
    return { recycle: false, why: `accepted; recycles if there is no sales activity by ${formatInstant(dueAt, input.calendar.timeZone)}`, dueAt };
  }
  return { recycle: false, why: `nothing to recycle in state ${input.state}` };
}

/**
 * The re-MQL guardrail: a recycled lead may not become an MQL again until the cool-off
 * (calendar days) has passed, so it cannot bounce straight back to sales.
 */
export function reMqlAllowed(recycledAt: Date, policy: HandoffPolicy, now: Date): { allowed: boolean; allowedFrom: Date } {
  const allowedFrom = DateTime.fromJSDate(recycledAt, { zone: 'utc' }).plus({ days: policy.recycling.reMqlCoolOffDays }).toJSDate();
  return { allowed: now.getTime() >= allowedFrom.getTime(), allowedFrom };
}
