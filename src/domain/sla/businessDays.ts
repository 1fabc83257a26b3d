import { DateTime } from 'luxon';
import { DomainError, DomainErrorCode } from '../errors.js';
import { dayWindow, type BusinessCalendar } from './businessCalendar.js';

/**
 * The instant `days` working days after `start`, at the same local time of day (or the
 * day's closing time when that day closes earlier). Holidays and weekends do not count.
 */
export function addBusinessDays(start: Date, days: number, cal: BusinessCalendar): Date {
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
