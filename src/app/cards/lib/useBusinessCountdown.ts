import { useEffect, useState } from 'react';
import { openSlaStatus } from '../../../domain/sla/slaStatus.js';
export interface CountdownInput {
  dueAt: string;
  startedAt: string;
  /** Working windows from start to due ([open, close] epoch ms), from the backend. */
  windows: readonly (readonly [number, number])[];
  atRiskPercent: number;
  /** A first touch stops the clock (met or missed, decided by the backend). */
  stopped: boolean;
}

export interface Countdown {
  remainingMinutes: number;
  status: 'on_track' | 'at_risk' | 'breached';
}

const MINUTE = 60_000;

/** Working minutes of the windows after `from` (the windows already end at the due time). */
function minutesAfter(windows: CountdownInput['windows'], from: number): number {
  let total = 0;
  for (const [open, close] of windows) if (close > from) total += close - Math.max(open, from);
  return Math.floor(total / MINUTE);
}

/** Remaining business time now, and the status it implies: the domain's rule (`openSlaStatus`), on the minutes counted here. */
export function countdownAt(input: CountdownInput, now: Date): Countdown {
  const due = new Date(input.dueAt);
  const total = minutesAfter(input.windows, Date.parse(input.startedAt));
  const remaining = now >= due ? 0 : minutesAfter(input.windows, now.getTime());
  const { status } = openSlaStatus({ totalMinutes: total, elapsedMinutes: total - remaining, pastDue: now.getTime() > due.getTime() }, input.atRiskPercent);
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
