import { useEffect, useState } from 'react';
import { businessMinutesBetween, type BusinessCalendar } from '../../../domain/sla/businessCalendar.js';

export interface CountdownInput {
  dueAt: string;
  startedAt: string;
  calendar: BusinessCalendar;
  atRiskPercent: number;
  /** A first touch stops the clock (met or missed, decided by the backend). */
  stopped: boolean;
}

export interface Countdown {
  remainingMinutes: number;
  status: 'on_track' | 'at_risk' | 'breached';
}

/** Remaining business time now, and the status it implies (the same rules as the domain's readSla). */
export function countdownAt(input: CountdownInput, now: Date): Countdown {
  const start = new Date(input.startedAt);
  const due = new Date(input.dueAt);
  const total = businessMinutesBetween(start, due, input.calendar);
  const remaining = now >= due ? 0 : businessMinutesBetween(now, due, input.calendar);
  const used = total === 0 ? 100 : ((total - remaining) / total) * 100;
  const status = now.getTime() > due.getTime() ? 'breached' : used >= input.atRiskPercent ? 'at_risk' : 'on_track';
  return { remainingMinutes: remaining, status };
}

/**
 * A live countdown of business time, computed in the card from the owner's calendar: it ticks
 * every 30 s while the card is open and never calls the backend.
 */
export function useBusinessCountdown(input: CountdownInput | undefined, clock: () => Date, tickMs = 30_000): Countdown | undefined {
  const [now, setNow] = useState(() => clock());
  useEffect(() => {
    if (!input || input.stopped) return undefined;
    const id = setInterval(() => setNow(clock()), tickMs);
    return () => clearInterval(id);
  }, [input, clock, tickMs]);
  return input && !input.stopped ? countdownAt(input, now) : undefined;
}
