import FakeTimers from '@sinonjs/fake-timers';

type InstalledClock = ReturnType<ReturnType<typeof FakeTimers.withGlobal>['install']>;

let clock: InstalledClock | undefined;

/**
 * Makes the page's `Date` read the portal's simulated time (it keeps flowing in real time), so the
 * real cards, which count down from `new Date()`, show what a rep would see at that moment.
 * Only `Date` is faked; timers stay real.
 */
export function syncSimulatedTime(nowIso: string): void {
  const at = Date.parse(nowIso);
  if (!clock) clock = FakeTimers.withGlobal(globalThis).install({ now: at, toFake: ['Date'], shouldAdvanceTime: true, advanceTimeDelta: 250 });
  else clock.setSystemTime(at);
}
