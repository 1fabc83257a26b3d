import { OpeningHours, type Region, type WorkingHours } from '../../src/domain/policy/calendar.schema.js';
import type { BusinessCalendar } from '../../src/domain/sla/businessCalendar.js';

const ZONES: Record<Region, string> = { IE: 'Europe/Dublin', 'GB-ENG': 'Europe/London', 'GB-SCT': 'Europe/London', 'GB-WLS': 'Europe/London', 'GB-NIR': 'Europe/Belfast' };

export function weekdays(hours = '09:00-17:30'): WorkingHours {
  const h = OpeningHours.parse(hours);
  return { mon: h, tue: h, wed: h, thu: h, fri: h };
}

/** A Monday–Friday 09:00–17:30 calendar for a region, in the region's own zone. */
export function calendar(region: Region, overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return { timeZone: ZONES[region], workingHours: weekdays(), region, closures: [], ...overrides };
}
