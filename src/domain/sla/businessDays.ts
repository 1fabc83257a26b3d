import { DateTime } from 'luxon';
import { DomainError, DomainErrorCode } from '../errors.js';
import { dayWindow, type BusinessCalendar } from './businessCalendar.js';

/**
 * The instant `days` working days after `start`, at the same local time of day (or the
 * day's closing time when that day closes earlier). Holidays and weekends do not count.
 */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  // A batch decides many leads at one instant on a few owners' calendars: each answer is worked out once.
  const memo = MEMO.get(cal) ?? MEMO.set(cal, new Map()).get(cal)!;
  const key = `${start.getTime()}:${days}`;
  const known = memo.get(key);
  if (known !== undefined) return new Date(known);
  if (memo.size >= 1_000) memo.clear();
  const due = computeBusinessDays(start, days, cal);
  memo.set(key, due.getTime());
  return due;
}

/** Answers already worked out, per calendar (a pure function of its arguments). */
const MEMO = new WeakMap<BusinessCalendar, Map<string, number>>();

function computeBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
  const local = DateTime.fromJSDate(start, { zone: cal.timeZone });
  let day = local.startOf('day');
  let left = days;
  for (let i = 0; left > 0; i++) {
    if (i > 3700) throw new DomainError(DomainErrorCode.INVALID_INPUT, `the calendar (${cal.region}) has too few working days`);
    day = day.plus({ days: 1 });
    if (dayWindow(cal, day)) left--;
  }
  const w = dayWindow(cal, day);
  const sameTime = day.set({ hour: local.hour, minute: local.minute, second: local.second });
  if (!w) return sameTime.toJSDate();
  return new Date(Math.min(Math.max(sameTime.toMillis(), w.open.toMillis()), w.close.toMillis()));
}
