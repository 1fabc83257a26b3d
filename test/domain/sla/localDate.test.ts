import { DateTime } from 'luxon';
import { localDateOf, nextIsoDate } from '../../../src/domain/sla/calendarCache.js';

// The local date of an instant, memoised: right in every zone the policy schema accepts, including
// offsets that are not whole hours (India +5:30, Nepal +5:45, Chatham +12:45/+13:45, Newfoundland −3:30).
describe('localDateOf: the local date in any IANA zone', () => {
  it.each([
    ['Asia/Kolkata', '2026-03-02T18:29:59.999Z', '2026-03-02'], // 23:59:59 on 2 March
    ['Asia/Kolkata', '2026-03-02T18:30:00.000Z', '2026-03-03'], // midnight
    ['Asia/Kolkata', '2026-03-02T18:45:00.000Z', '2026-03-03'], // 00:15 on 3 March (resolved as 2 March when cached by UTC hour)
    ['Asia/Kathmandu', '2026-03-02T18:14:59.999Z', '2026-03-02'], // 23:59:59 (+5:45)
    ['Asia/Kathmandu', '2026-03-02T18:15:00.000Z', '2026-03-03'],
    ['Pacific/Chatham', '2026-06-30T11:14:59.999Z', '2026-06-30'], // +12:45 in winter
    ['Pacific/Chatham', '2026-06-30T11:15:00.000Z', '2026-07-01'],
    ['America/St_Johns', '2026-07-01T02:29:59.999Z', '2026-06-30'], // −2:30 in summer
    ['America/St_Johns', '2026-07-01T02:30:00.000Z', '2026-07-01'],
    ['Europe/Dublin', '2026-03-29T00:59:59.999Z', '2026-03-29'], // the spring change, on the hour
    ['Europe/Dublin', '2026-10-24T22:59:59.999Z', '2026-10-24'], // 23:59:59 IST
    ['Europe/Dublin', '2026-10-24T23:00:00.000Z', '2026-10-25'],
  ])('%s at %s is %s', (zone, instant, expected) => {
    const ms = Date.parse(instant);
    expect(localDateOf(ms, zone)).toBe(expected);
    expect(localDateOf(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate()); // and again from the cache
  });

  it('agrees with Luxon at every minute of a day in +5:30 and +5:45, asked in any order', () => {
    const start = Date.parse('2026-03-02T12:00:00Z');
    const minutes = Array.from({ length: 24 * 60 }, (_, i) => i).sort((a, b) => ((a * 7919) % 1440) - ((b * 7919) % 1440));
    for (const zone of ['Asia/Kolkata', 'Asia/Kathmandu']) {
      for (const m of minutes) {
        const ms = start + m * 60_000 + 30_000;
        expect(localDateOf(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
      }
    }
  });
});

// The day after a date, memoised: the same answer the first time and from the cache.
describe('nextIsoDate: the next calendar date', () => {
  it.each([
    ['2026-11-25', '2026-11-26'],
    ['2026-11-30', '2026-12-01'], // month end
    ['2026-12-31', '2027-01-01'], // year end
    ['2028-02-28', '2028-02-29'], // leap year
    ['2028-02-29', '2028-03-01'],
    ['2027-02-28', '2027-03-01'],
  ])('after %s comes %s', (iso, next) => {
    expect(nextIsoDate(iso)).toBe(next);
    expect(nextIsoDate(iso)).toBe(next);
  });
});

describe('the calendar caches, once full', () => {
  it('are emptied and answer the same after (100,001 quarter-hours asked)', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const first = localDateOf(start, 'Europe/London');
    for (let q = 1; q <= 100_001; q++) localDateOf(start + q * 15 * 60_000, 'Europe/London');
    expect(localDateOf(start, 'Europe/London')).toBe(first);
    expect(localDateOf(start + 100_001 * 15 * 60_000, 'Europe/London')).toBe(DateTime.fromMillis(start + 100_001 * 15 * 60_000, { zone: 'Europe/London' }).toISODate());
  });
});
