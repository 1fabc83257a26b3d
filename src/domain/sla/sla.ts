import type { HandoffPolicy, Person, SlaTier } from '../policy/policy.schema.js';
import type { Lead } from '../lead.js';
import { evaluateGroup } from '../qualification/evaluateGroup.js';
import { conditionEnv } from '../qualification/evaluateCondition.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './businessCalendar.js';
import { openSlaStatus } from './slaStatus.js';

export { openSlaStatus } from './slaStatus.js';

export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';

/** Due time of an SLA of `businessHours` working hours started at `start`. */
export function slaDue(start: Date, businessHours: number, calendar: BusinessCalendar): Date {
  return addBusinessMinutes(start, businessHours * 60, calendar);
}

export interface SlaClock {
  start: Date;
  due: Date;
  calendar: BusinessCalendar;
}

export interface SlaReading {
  status: SlaStatus;
  /** Working minutes used so far (to first touch, if there was one). */
  elapsedMinutes: number;
  /** Working minutes left before the due time (0 once past it). */
  remainingMinutes: number;
  /** Elapsed as a share of the SLA, 0–100+ */
  percentUsed: number;
}

/**
 * Read the SLA at `now`: met / missed once there is a first touch, otherwise on track,
 * at risk (at `atRiskPercent` of the business time used) or breached (past due).
 */
export function readSla(clock: SlaClock, now: Date, atRiskPercent: number, firstTouchAt?: Date): SlaReading {
  const total = businessMinutesBetween(clock.start, clock.due, clock.calendar);
  const until = firstTouchAt && firstTouchAt.getTime() <= now.getTime() ? firstTouchAt : now;
  const elapsed = businessMinutesBetween(clock.start, until, clock.calendar);
  const remaining = businessMinutesBetween(until, clock.due, clock.calendar);
  const open = openSlaStatus({ totalMinutes: total, elapsedMinutes: elapsed, pastDue: now.getTime() > clock.due.getTime() }, atRiskPercent);
  const status: SlaStatus = until === firstTouchAt ? (firstTouchAt.getTime() <= clock.due.getTime() ? 'met' : 'missed') : open.status;
  return { status, elapsedMinutes: elapsed, remainingMinutes: remaining, percentUsed: open.percentUsed };
}

/** The SLA tier for a lead: the first whose `when` matches; the last tier is the default. */
export function slaTierFor(lead: Lead, policy: HandoffPolicy, now: Date): SlaTier {
  const tiers = policy.sla.tiers;
  return tiers.find((t) => t.when === undefined || evaluateGroup(t.when, lead, now, [], conditionEnv(policy)).met) ?? tiers[tiers.length - 1]!;
}

/** A tier by id, or the policy's default (last) tier for one the policy no longer has. */
export function slaTierOf(policy: HandoffPolicy, tierId: string | undefined): SlaTier {
  return policy.sla.tiers.find((t) => t.id === tierId) ?? policy.sla.tiers.at(-1)!;
}

/** The working calendar of a person: their own overrides, else their team's. */
export function calendarFor(person: Person, policy: HandoffPolicy): BusinessCalendar {
  // A parsed policy is never changed: one calendar per person of it (and one object, so the
  // calendar's caches key on it rather than on its text).
  let byPerson = calendars.get(policy);
  if (!byPerson) calendars.set(policy, (byPerson = new WeakMap()));
  let calendar = byPerson.get(person);
  if (!calendar) {
    const team = policy.teams.find((t) => t.id === person.team) ?? policy.teams[0]!;
    const region = person.region ?? team.region;
    calendar = {
      timeZone: person.timeZone ?? team.timeZone,
      workingHours: person.workingHours ?? team.workingHours,
      region,
      closures: policy.closures.filter((c) => c.regions === undefined || c.regions.includes(region)).map((c) => c.date),
    };
    byPerson.set(person, calendar);
  }
  return calendar;
}

const calendars = new WeakMap<HandoffPolicy, WeakMap<Person, BusinessCalendar>>();
