import { DateTime } from 'luxon';

/** "Fri 2 Jan" (with the year when it is not `today`'s year): a date (YYYY-MM-DD) as people read it. */
export function dayInWords(iso: string, today: string): string {
  return DateTime.fromISO(iso).toFormat(iso.slice(0, 4) === today.slice(0, 4) ? 'ccc d LLL' : 'ccc d LLL yyyy');
}

/** "Tue 1 Dec to Sat 2 Jan 2027", or one day when both are the same. */
export function daysInWords(from: string, to: string, today: string): string {
  return from === to ? dayInWords(from, today) : `${dayInWords(from, today)} to ${dayInWords(to, today)}`;
}
