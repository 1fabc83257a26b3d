import { DateTime } from 'luxon';
import { WEEKDAYS } from '../policy/calendar.schema.js';
import type { BusinessCalendar } from './calendar.js';
import { publicHoliday } from './publicHolidays.js';

// Luxon resolves a zone offset through Intl for every DateTime it builds, which made the SLA
// clock the engine's cost (≈ 70 % of a decision). Local dates and day windows depend only on
// (zone, quarter-hour) and (calendar, date), so they are memoised here: same inputs, same answers.
// Every zone's offset is a whole number of quarter-hours (+5:30 India, +5:45 Nepal, +12:45
// Chatham), and offsets change on one, so local midnight always falls on a UTC quarter-hour.
const SLOT_MS = 15 * 60_000;
const LIMIT = 100_000;

const localDates = new Map<string, string>();
const windows = new Map<string, readonly [number, number] | null>();
const hoursIds = new WeakMap<object, number>();
let nextHoursId = 1;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as V;
  if (cache.size >= LIMIT) cache.clear();
  const value = make();
  cache.set(key, value);
  return value;
}

/** The local date (YYYY-MM-DD) of an instant in a zone, memoised by UTC quarter-hour (right in every zone). */
export function localDateOf(ms: number, zone: string): string {
  const slot = Math.floor(ms / SLOT_MS);
  return remember(localDates, `${zone}|${slot}`, () => DateTime.fromMillis(slot * SLOT_MS, { zone }).toISODate()!);
}

/** The next calendar date after an ISO date (pure arithmetic, no zone). */
export function nextIsoDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const calendarKeys = new WeakMap<BusinessCalendar, string>();

function calendarKey(cal: BusinessCalendar): string {
  const known = calendarKeys.get(cal);
  if (known !== undefined) return known;
  let id = hoursIds.get(cal.workingHours);
  if (id === undefined) hoursIds.set(cal.workingHours, (id = nextHoursId++));
  // Built from the calendar's contents, so two equal calendars share their cached windows.
  const key = `${cal.timeZone}|${cal.region}|${id}|${cal.closures.join(',')}`;
  calendarKeys.set(cal, key);
  return key;
}

/** The working window of a local date as [open, close] epoch ms, or null when closed. */
export function windowOf(cal: BusinessCalendar, iso: string): readonly [number, number] | null {
  return remember(windows, `${calendarKey(cal)}|${iso}`, () => {
    const day = DateTime.fromISO(iso, { zone: cal.timeZone });
    const hours = cal.workingHours[WEEKDAYS[day.weekday - 1]!];
    if (!hours || publicHoliday(cal.region, iso) || cal.closures.includes(iso)) return null;
    const at = (minutes: number) => day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
    return [at(hours.open), at(hours.close)] as const;
  });
}
