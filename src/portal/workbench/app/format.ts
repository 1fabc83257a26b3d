const cache = new Map<string, Intl.DateTimeFormat>();

/** "Wed 25 Nov, 09:30" in the portal's zone. */
export function when(iso: string | undefined, timeZone: string): string {
  if (!iso) return '—';
  const t = /^\d+$/.test(iso) ? Number(iso) : Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  let f = cache.get(timeZone);
  if (!f) cache.set(timeZone, (f = new Intl.DateTimeFormat('en-IE', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })));
  return f.format(new Date(t));
}

export const STAGE_LABEL: Record<string, string> = { routed: 'Routed', accepted: 'Accepted (SQL)', rejected: 'Rejected', converted: 'Converted', recycled: 'Recycled', mql: 'MQL' };
export const SLA_LABEL: Record<string, string> = { on_track: 'On track', at_risk: 'At risk', breached: 'Breached', met: 'Met', missed: 'Missed' };
