import { DateTime } from 'luxon';

/** "45 min", "3 h 05 min", "2 d 1 h" (business days of 8 h are not assumed: days are 24 h of business time rarely reached). */
export function formatMinutes(total: number): string {
  const m = Math.max(0, Math.round(total));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${String(rest).padStart(2, '0')} min` : `${h} h`;
}

/** A time in a time zone, as a rep reads it: "Wed 25 Nov, 10:30 (Europe/Dublin)". */
export function formatLocal(iso: string, timeZone: string, withZone = true): string {
  const d = DateTime.fromISO(iso, { zone: timeZone });
  return `${d.toFormat('ccc d LLL, HH:mm')}${withZone ? ` (${timeZone})` : ''}`;
}

export function formatDate(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat('d LLL yyyy');
}
