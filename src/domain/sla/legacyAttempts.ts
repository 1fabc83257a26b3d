import type { HandoffRecord } from '../handoff/handoffRecord.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { BusinessCalendar } from './businessCalendar.js';
import { closeAttempt, openAttempt, respond, type SlaAttempt } from './attempt.js';
import { slaTierOf } from './sla.js';

/**
 * A record written before attempts were kept (by an earlier version, or adopted from HubSpot's
 * properties without them) gets its one attempt back from the fields it has: routed to its owner
 * at routedAt, due at slaDueAt, answered by the first of its touch, accept or reject, closed when
 * it was recycled. A record that has attempts is returned as it is.
 */
export function ensureAttempts(record: HandoffRecord, policy: HandoffPolicy, calendarOf: (ownerId: string | undefined) => BusinessCalendar): HandoffRecord {
  if (record.attempts?.length) return record;
  if (!record.routedAt || !record.ownerId || record.state === 'new' || record.state === 'mql') return { ...record, attempts: [] };
  const tier = slaTierOf(policy, record.slaTierId);
  const calendar = calendarOf(record.ownerId);
  let attempt: SlaAttempt = openAttempt(1, record.ownerId, 'route', record.routedAt, tier, calendar, policy);
  if (record.slaDueAt) attempt = { ...attempt, dueAt: record.slaDueAt };
  const acts = [
    ...(record.firstTouchAt ? [{ kind: 'touch' as const, at: record.firstTouchAt }] : []),
    ...(record.acceptedAt ? [{ kind: 'accept' as const, at: record.acceptedAt }] : []),
    ...(record.rejectedAt ? [{ kind: 'reject' as const, at: record.rejectedAt }] : []),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const act of acts) attempt = respond(attempt, act.kind, act.at, policy, calendar);
  if (record.state === 'recycled' && record.recycledAt) attempt = closeAttempt(attempt, record.recycledAt, 'recycled');
  return { ...record, attempts: [attempt] };
}
