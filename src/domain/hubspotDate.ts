import type { PropertyValue } from './lead.js';

// The one reader of HubSpot's date values, wherever Handoff reads one (qualification criteria,
// the handoff's own properties, activity timestamps and their history, a CSV export).

/** HubSpot datetimes come as ISO strings or epoch milliseconds (digits, or a number); dates as YYYY-MM-DD (UTC midnight). Undefined for anything else. */
export function toEpochMs(v: PropertyValue): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d{11,}$/.test(s)) return Number(s);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The same instant as a Date, or undefined. */
export function hubspotDate(v: PropertyValue): Date | undefined {
  const ms = toEpochMs(v);
  return ms === undefined ? undefined : new Date(ms);
}
