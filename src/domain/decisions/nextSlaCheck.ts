import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { nextEscalation } from '../escalation/nextEscalation.js';
import { recyclingDecision } from '../recycling/recycling.js';
import { currentAttempt } from '../sla/attempt.js';
import { withAttempts } from './handoffAttempts.js';
import { ownerCalendar } from './handoffOf.js';

/**
 * When a handoff next needs its SLA checked: the next escalation step or stuck step of a lead
 * being worked, or the instant an accepted lead left idle would recycle. Undefined when nothing
 * more can happen on its own (converted, recycled, every step taken).
 *
 * The SLA timers are set from this at every change, and the check sets the one after; so
 * escalation runs at its instant with no workflow built. Without the latest activity (a change
 * does not read it) an accepted lead's instant is counted from its acceptance: never later than
 * the real one, and the check then reads the activity and sets the next.
 */
export function nextSlaCheckAt(stored: HandoffRecord, policy: HandoffPolicy, now: Date, lastActivityAt?: Date): Date | undefined {
  const record = withAttempts(stored, policy);
  const attempt = currentAttempt(record.attempts);
  if (record.state === 'routed') {
    if (!attempt) return undefined;
    const step = nextEscalation({ state: record.state, attempt, calendar: ownerCalendar(policy, attempt.ownerId), stepsDone: record.escalationsDone }, policy, now)?.dueAt;
    // An unanswered SLA reads "breached" from just past its due instant (the breach step runs at
    // it): a check then writes the status HubSpot's reports count, without waiting for the next step.
    const flip = attempt.respondedAt === undefined && now.getTime() <= attempt.dueAt.getTime() ? new Date(attempt.dueAt.getTime() + 1) : undefined;
    return earliest(step, flip);
  }
  if (record.state !== 'accepted' && record.state !== 'rejected') return undefined;
  const decision = recyclingDecision(
    {
      state: record.state,
      calendar: ownerCalendar(policy, record.ownerId),
      ...(record.acceptedAt ? { acceptedAt: record.acceptedAt } : {}),
      ...(lastActivityAt ? { lastActivityAt } : {}),
      ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
    },
    policy,
    now,
  );
  // Due now (or overdue): the check recycles it; otherwise at its instant.
  return decision.recycle ? now : decision.dueAt;
}

const earliest = (a: Date | undefined, b: Date | undefined): Date | undefined => (a && b ? (a <= b ? a : b) : (a ?? b));
