import { DateTime } from 'luxon';
import type { Period } from './handoffHealth.js';

/**
 * A reporting period from what a manager types: this-quarter, last-quarter, 2026-Q3,
 * last-30-days, FROM..TO (ISO dates, TO inclusive) or FROM.. (to now). Quarters are calendar quarters in the
 * given time zone; `now` is injected.
 */
export function parsePeriod(text: string, now: Date, timeZone = 'Europe/Dublin'): Period | { error: string } {
  const t = now.getTime();
  const here = DateTime.fromMillis(t, { zone: timeZone });
  const quarter = (d: DateTime, label: string): Period => {
    const from = d.startOf('quarter');
    return { from: from.toJSDate(), to: from.plus({ quarters: 1 }).toJSDate(), label };
  };
  const s = text.trim().toLowerCase();
  if (s === 'this-quarter') return quarter(here, `${here.year}-Q${here.quarter}`);
  if (s === 'last-quarter') {
    const d = here.minus({ quarters: 1 });
    return quarter(d, `${d.year}-Q${d.quarter}`);
  }
  const q = /^(\d{4})-q([1-4])$/.exec(s);
  if (q) return quarter(DateTime.fromObject({ year: Number(q[1]), month: (Number(q[2]) - 1) * 3 + 1, day: 1 }, { zone: timeZone }), `${q[1]}-Q${q[2]}`);
  const days = /^last-(\d{1,3})-days$/.exec(s);
  if (days) return { from: here.minus({ days: Number(days[1]) }).toJSDate(), to: new Date(t), label: `last ${days[1]} days` };
  const open = /^(\d{4}-\d{2}-\d{2})\.\.$/.exec(s);
  if (open) {
    const from = DateTime.fromISO(open[1]!, { zone: timeZone });
    if (!from.isValid || from.toMillis() >= t) return { error: `period ${JSON.stringify(text)}: FROM must be a date before now` };
    return { from: from.toJSDate(), to: new Date(t), label: `since ${open[1]}` };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (range) {
    const from = DateTime.fromISO(range[1]!, { zone: timeZone });
    const to = DateTime.fromISO(range[2]!, { zone: timeZone }).plus({ days: 1 });
    if (!from.isValid || !to.isValid || to <= from) return { error: `period ${JSON.stringify(text)}: FROM must be a date on or before TO` };
    return { from: from.toJSDate(), to: to.toJSDate(), label: `${range[1]} to ${range[2]}` };
  }
  return { error: `period ${JSON.stringify(text)} is not this-quarter, last-quarter, YYYY-Qn, last-N-days, YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DD.. (to now)` };
}
