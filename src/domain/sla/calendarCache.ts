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

// Keyed zone → quarter-hour and calendar → date, not by one joined string: a decision asks several
// times, and building and hashing a fresh "zone|slot" string each time was most of the lookup.
const localDates = new Map<string, Map<number, string>>();
const windows = new Map<string, Map<string, readonly [number, number] | null>>();
/** The day after each date asked for (the SLA clock walks the same few weeks for every lead). */
const nextDates = new Map<string, string>();
let cached = 0;
const hoursIds = new WeakMap<object, number>();
let nextHoursId = 1;

/** The inner map of `outer` for `key`, made on first use. */
function inner<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let m = outer.get(key);
  if (m === undefined) outer.set(key, (m = new Map()));
  return m;
}

/** Counts one entry about to be added to a cache; every cache is emptied once they hold LIMIT between them. */
function counted(): void {
  if (++cached < LIMIT) return;
  localDates.clear();
  windows.clear();
  nextDates.clear();
  cached = 0;
}

/** The local date (YYYY-MM-DD) of an instant in a zone, memoised by UTC quarter-hour (right in every zone). */
export function localDateOf(ms: number, zone: string): string {
  const slot = Math.floor(ms / SLOT_MS);
  const byZone = inner(localDates, zone);
  const hit = byZone.get(slot);
  if (hit !== undefined) return hit;
  const date = DateTime.fromMillis(slot * SLOT_MS, { zone }).toISODate()!;
  counted();
  inner(localDates, zone).set(slot, date);
  return date;
}

/** The next calendar date after an ISO date (pure arithmetic, no zone). */
export function nextIsoDate(iso: string): string {
  const hit = nextDates.get(iso);
  if (hit !== undefined) return hit;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  counted();
  nextDates.set(iso, next);
  return next;
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
  const byCalendar = inner(windows, calendarKey(cal));
  const hit = byCalendar.get(iso);
  if (hit !== undefined) return hit;
  if (byCalendar.has(iso)) return null;
  const window = workingWindow(cal, iso);
  counted();
  inner(windows, calendarKey(cal)).set(iso, window);
  return window;
}

function workingWindow(cal: BusinessCalendar, iso: string): readonly [number, number] | null {
  const day = DateTime.fromISO(iso, { zone: cal.timeZone });
  const hours = cal.workingHours[WEEKDAYS[day.weekday - 1]!];
  if (!hours || publicHoliday(cal.region, iso) || cal.closures.includes(iso)) return null;
  const at = (minutes: number) => day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
  return [at(hours.open), at(hours.close)] as const;
}
