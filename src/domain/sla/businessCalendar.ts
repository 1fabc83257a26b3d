import { DateTime } from 'luxon';
import { DomainError, DomainErrorCode } from '../errors.js';
import { WEEKDAYS } from '../policy/calendar.schema.js';
import { publicHoliday } from './publicHolidays.js';
import type { BusinessCalendar, DayWindow } from './calendar.js';
import { localDateOf, nextIsoDate, windowOf } from './calendarCache.js';

export type { BusinessCalendar, DayWindow } from './calendar.js';

const MINUTE_MS = 60_000;
/** A calendar with no working time in a year of days cannot run an SLA. */
const MAX_DAYS_SEARCHED = 370;

/** Why a local date is closed, or undefined when it has working hours. */
export function closedBecause(cal: BusinessCalendar, day: DateTime): string | undefined {
  const iso = day.toISODate()!;
  const hours = cal.workingHours[WEEKDAYS[day.weekday - 1]!];
  if (!hours) return `${day.toFormat('cccc')} is not a working day`;
  const holiday = publicHoliday(cal.region, iso);
  if (holiday) return `${holiday.name} (public holiday, ${cal.region})`;
  if (cal.closures.includes(iso)) return 'company closure';
  return undefined;
}

/**
 * The working window of one local day, as instants. Opening times are wall-clock times in
 * the calendar's zone, so a window on a daylight-saving day is still 09:00–17:30 local.
 */
export function dayWindow(cal: BusinessCalendar, day: DateTime): DayWindow | undefined {
  if (closedBecause(cal, day) !== undefined) return undefined;
  const hours = cal.workingHours[WEEKDAYS[day.weekday - 1]!]!;
  const midnight = day.startOf('day');
  const at = (minutes: number) => midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  return { open: at(hours.open), close: at(hours.close) };
}

/** The local date an instant falls on, after checking the zone is real. */
function localIso(instant: Date, cal: BusinessCalendar): string {
  if (!zoneIsValid(cal.timeZone)) throw new DomainError(DomainErrorCode.INVALID_INPUT, `time zone ${JSON.stringify(cal.timeZone)} is not valid`);
  return localDateOf(instant.getTime(), cal.timeZone);
}

const validZones = new Map<string, boolean>();
function zoneIsValid(zone: string): boolean {
  let ok = validZones.get(zone);
  if (ok === undefined) validZones.set(zone, (ok = DateTime.local({ zone }).isValid));
  return ok;
}

/**
 * The instant that lies `businessMinutes` of working time after `start`. A start out of
 * hours counts from the next opening. Minute-precise.
 */
export function addBusinessMinutes(start: Date, businessMinutes: number, cal: BusinessCalendar): Date {
  let remaining = Math.round(businessMinutes);
  let cursor = start.getTime();
  let day = localIso(start, cal);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day = nextIsoDate(day)) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const [open, close] = w;
    if (cursor < open) cursor = open;
    if (cursor >= close) continue;
    const available = Math.floor((close - cursor) / MINUTE_MS);
    if (remaining <= available) return new Date(cursor + remaining * MINUTE_MS);
    remaining -= available;
    cursor = close;
  }
  throw new DomainError(DomainErrorCode.INVALID_INPUT, `the calendar (${cal.region}, ${cal.timeZone}) has no working time in ${MAX_DAYS_SEARCHED} days`);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  let total = 0;
  forEachWorkingSpan(from, to, cal, (lo, hi) => (total += (hi - lo) / MINUTE_MS));
  return Math.floor(total);
}

/** When the SLA clock actually starts: `start` if in working hours, else the next opening. */
export function nextOpening(start: Date, cal: BusinessCalendar): Date {
  return addBusinessMinutes(start, 0, cal);
}

/** Is `instant` inside working hours? */
export function isWorkingTime(instant: Date, cal: BusinessCalendar): boolean {
  const w = windowOf(cal, localIso(instant, cal));
  return w !== null && instant.getTime() >= w[0] && instant.getTime() < w[1];
}

/**
 * The working windows between two instants, as [open, close] epoch ms clipped to them: what a
 * card needs to count business time down without a calendar, a time-zone library or holidays.
 */
export function workingWindows(from: Date, to: Date, cal: BusinessCalendar): [number, number][] {
  const out: [number, number][] = [];
  forEachWorkingSpan(from, to, cal, (lo, hi) => out.push([lo, hi]));
  return out;
}

/** Each day's working window between two instants, clipped to them, in order (none when `to` is not after `from`). */
function forEachWorkingSpan(from: Date, to: Date, cal: BusinessCalendar, visit: (open: number, close: number) => void): void {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return;
  const last = localIso(to, cal);
  for (let day = localIso(from, cal); day <= last; day = nextIsoDate(day)) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const lo = Math.max(a, w[0]);
    const hi = Math.min(b, w[1]);
    if (hi > lo) visit(lo, hi);
  }
}

/**
 * The days between two instants that a calendar skips although they fall on a working weekday:
 * public holidays (by name) and closures (by `closureLabels`, else "company closure"). What a
 * person needs to see to trust a due time.
 */
export function skippedDays(from: Date, to: Date, cal: BusinessCalendar, closureLabels: Readonly<Record<string, string>> = {}): { date: string; why: string }[] {
  const out: { date: string; why: string }[] = [];
  let day = DateTime.fromJSDate(from, { zone: cal.timeZone }).startOf('day');
  const end = DateTime.fromJSDate(to, { zone: cal.timeZone }).startOf('day');
  for (let i = 0; day <= end && i < MAX_DAYS_SEARCHED; i++, day = day.plus({ days: 1 })) {
    if (!cal.workingHours[WEEKDAYS[day.weekday - 1]!]) continue;
    const iso = day.toISODate()!;
    const holiday = publicHoliday(cal.region, iso);
    if (holiday) out.push({ date: iso, why: holiday.name });
    else if (cal.closures.includes(iso)) out.push({ date: iso, why: closureLabels[iso] ?? 'company closure' });
  }
  return out;
}
