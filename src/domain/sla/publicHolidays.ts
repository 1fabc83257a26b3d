import Holidays from 'date-holidays';
import type { Region } from '../policy/calendar.schema.js';

/**
 * Public holidays per region from date-holidays (a maintained library), never a hand
 * table. A day is closed when date-holidays types it "public": the UK's bank holidays
 * (substitute days included) are public there; in Ireland, Good Friday and the substitute
 * days the library types "bank" are not public holidays in law, so they stay working days.
 */
const REGION_ARGS: Record<Region, [string, string?]> = {
  IE: ['IE'],
  'GB-ENG': ['GB', 'ENG'],
  'GB-SCT': ['GB', 'SCT'],
  'GB-WLS': ['GB', 'WLS'],
  'GB-NIR': ['GB', 'NIR'],
};

export interface PublicHoliday {
  date: string;
  name: string;
}

// Memo of (region, year) → holidays: pure (same input, same output), computed once.
const cache = new Map<string, Map<string, string>>();

function holidaysOf(region: Region, year: number): Map<string, string> {
  const key = `${region}:${year}`;
  let days = cache.get(key);
  if (!days) {
    const [country, state] = REGION_ARGS[region];
    const hd = state ? new Holidays(country, state) : new Holidays(country);
    days = new Map();
    for (const h of hd.getHolidays(year)) {
      if (h.type === 'public') days.set(h.date.slice(0, 10), h.name);
    }
    cache.set(key, days);
  }
  return days;
}

/** The public holiday on a local date (YYYY-MM-DD) in a region, if any. */
export function publicHoliday(region: Region, isoDate: string): PublicHoliday | undefined {
  const name = holidaysOf(region, Number(isoDate.slice(0, 4))).get(isoDate);
  return name === undefined ? undefined : { date: isoDate, name };
}
