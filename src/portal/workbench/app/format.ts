import { toEpochMs } from '../../../domain/hubspotDate.js';

const cache = new Map<string, Intl.DateTimeFormat>();

/** "Wed 25 Nov, 09:30" in the portal's zone. */
export function when(iso: string | undefined, timeZone: string): string {
  if (!iso) return '—';
  const t = toEpochMs(iso);
  if (t === undefined) return iso;
  let f = cache.get(timeZone);
  if (!f) cache.set(timeZone, (f = new Intl.DateTimeFormat('en-IE', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })));
  return f.format(new Date(t));
}

import { HANDOFF_STAGE_LABELS, SLA_STATUS_LABELS } from '../../../domain/labels/labels.js';

/** The domain's labels, indexable by any value the API returns. */
export const STAGE_LABEL: Readonly<Record<string, string>> = HANDOFF_STAGE_LABELS;
export const SLA_LABEL: Readonly<Record<string, string>> = SLA_STATUS_LABELS;
