import type { DateTime } from 'luxon';
import type { Region, WorkingHours } from '../policy/calendar.schema.js';

// The shapes of an owner's business calendar, which the SLA clock (businessCalendar.ts) and its
// memo of local dates and windows (calendarCache.ts) both read.

/** Where and when someone works: time zone, hours per weekday, region (for holidays), closures. */
export interface BusinessCalendar {
  timeZone: string;
  workingHours: WorkingHours;
  region: Region;
  /** Company closure days (YYYY-MM-DD, local), on top of public holidays. */
  closures: readonly string[];
}

export interface DayWindow {
  open: DateTime;
  close: DateTime;
}
