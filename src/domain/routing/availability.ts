import { DateTime } from 'luxon';
import { localDateOf } from '../sla/calendarCache.js';
import { dayInWords } from '../labels/dayInWords.js';
import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { isWorkingTime } from '../sla/businessCalendar.js';
import { calendarFor } from '../sla/sla.js';
import type { RoutingSnapshot } from './snapshot.js';

/** The HubSpot owner id routing assigns to (the policy schema requires one of every person). */
export const ownerIdOf = (p: Person): string => {
  if (p.ownerId === undefined) throw new Error(`${p.name} has no HubSpot owner id; the policy schema requires one`);
  return p.ownerId;
};

/** The person's local date at `now` (YYYY-MM-DD). */
export function localDate(person: Person, policy: HandoffPolicy, now: Date): string {
  return localDateOf(now.getTime(), calendarFor(person, policy).timeZone);
}

/** Why a person cannot take this lead now, or undefined when they can. */
export function unavailableBecause(person: Person, policy: HandoffPolicy, snapshot: RoutingSnapshot, now: Date, hot: boolean): string | undefined {
  const owner = ownerIdOf(person);
  const hubspot = snapshot.unavailableOwners?.[owner];
  if (hubspot) return hubspot;
  const { availability } = policy.routing;
  if (availability.skipOutOfOffice) {
    const today = localDate(person, policy, now);
    const away = person.outOfOffice.find((o) => o.from <= today && today <= o.to);
    if (away) return `out of office until ${dayInWords(away.to, today)}${away.label ? ` (${away.label})` : ''}${away.setBy ? `, set by ${away.setBy}` : ''}`;
  }
  if (availability.respectCapacity && person.capacity !== undefined) {
    const open = snapshot.openHandoffs[owner] ?? 0;
    if (open >= person.capacity) return `at capacity (${open} of ${person.capacity} open handoffs)`;
  }
  if (hot && availability.hotLeadsOnlyToOwnersAtWork) {
    const cal = calendarFor(person, policy);
    if (!isWorkingTime(now, cal)) return `outside working hours for a hot lead (${cal.timeZone})`;
  }
  return undefined;
}

const daysAfter = new Map<string, Date>();

/** The start of the local day after an ISO date in a zone (memoised: the same leave ends on the same instant). */
function dayAfter(iso: string, zone: string): Date {
  const key = `${zone}|${iso}`;
  let at = daysAfter.get(key);
  if (!at) {
    if (daysAfter.size > 10_000) daysAfter.clear();
    daysAfter.set(key, (at = DateTime.fromISO(iso, { zone }).plus({ days: 1 }).startOf('day').toJSDate()));
  }
  return at;
}

/**
 * Fairness across leave: round robin counts assignments since the latest return from leave
 * among the candidates (bounded by the look-back window). A person coming back starts level
 * with everyone: not flooded with the leads they "missed", not starved because others
 * caught up while they were away.
 */
export function fairnessWindowStart(pool: readonly Person[], policy: HandoffPolicy, now: Date): { start: Date; returnedFromLeave?: Person } {
  // Days in UTC are all 24 hours: the look-back is plain arithmetic.
  let start = new Date(now.getTime() - policy.routing.fairness.lookbackDays * 86_400_000);
  let returnedFromLeave: Person | undefined;
  for (const p of pool) {
    const today = localDate(p, policy, now);
    for (const o of p.outOfOffice) {
      if (o.to >= today) continue;
      const back = dayAfter(o.to, calendarFor(p, policy).timeZone);
      if (back > start && back <= now) {
        start = back;
        returnedFromLeave = p;
      }
    }
  }
  return returnedFromLeave ? { start, returnedFromLeave } : { start };
}

/**
 * Every window start `fairnessWindowStart` can choose at `now`, whatever the pool: the look-back's
 * start and each return from leave inside it. An adapter that counts assignments itself counts
 * them from each of these (`RoutingSnapshot.assignmentTallies`).
 */
export function fairnessWindowStarts(policy: HandoffPolicy, now: Date): Date[] {
  const starts = new Map<number, Date>();
  const lookback = fairnessWindowStart([], policy, now).start;
  starts.set(lookback.getTime(), lookback);
  for (const p of policy.people) {
    const { start } = fairnessWindowStart([p], policy, now);
    starts.set(start.getTime(), start);
  }
  return [...starts.values()].sort((a, b) => a.getTime() - b.getTime());
}
