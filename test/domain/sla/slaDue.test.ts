import { slaDue } from '../../../src/domain/sla/sla.js';
import { businessMinutesBetween, isWorkingTime, nextOpening } from '../../../src/domain/sla/businessCalendar.js';
import type { Region } from '../../../src/domain/policy/calendar.schema.js';
import { calendar } from '../../support/calendarBuilder.js';

/*
 * Expected instants are worked out by hand from dates looked up in the calendar, not from
 * the holiday library:
 * - St Patrick's Day, Wed 17 Mar 2027: public holiday in Ireland and Northern Ireland only.
 * - Easter 2027: Good Friday 26 Mar (public holiday in all four UK nations; NOT a public
 *   holiday in Ireland), Easter Monday 29 Mar (public holiday in IE, England, Wales, NI; not Scotland).
 * - Summer time: starts Sun 28 Mar 2027 (UTC+0 → UTC+1), ends Sun 25 Oct 2026 (UTC+1 → UTC+0).
 * - Ireland's October bank holiday: last Monday of October, Mon 26 Oct 2026.
 * - St Andrew's Day, Mon 30 Nov 2026: public holiday in Scotland only.
 * Calendar: Monday–Friday 09:00–17:30 local.
 */
const ROWS: [name: string, region: Region, from: string, hours: number, due: string][] = [
  // St Patrick's Day: Tue 16:30 +4h = 1h Tue, then Wed closed in IE/NI, open in England.
  ["St Patrick's Day (IE)", 'IE', '2027-03-16T16:30:00Z', 4, '2027-03-18T12:00:00Z'],
  ["St Patrick's Day (NI)", 'GB-NIR', '2027-03-16T16:30:00Z', 4, '2027-03-18T12:00:00Z'],
  ["St Patrick's Day is a working day in England", 'GB-ENG', '2027-03-16T16:30:00Z', 4, '2027-03-17T12:00:00Z'],
  // Easter and the March clock change: Thu 25 Mar 15:30 + 8h (2h on Thursday, 6h to go).
  ['Good Friday is a working day in Ireland', 'IE', '2027-03-25T15:30:00Z', 8, '2027-03-26T15:00:00Z'],
  ['Easter in England: Fri+Mon closed, clocks forward, Tue 15:00 BST', 'GB-ENG', '2027-03-25T15:30:00Z', 8, '2027-03-30T14:00:00Z'],
  ['Easter in Wales: as England', 'GB-WLS', '2027-03-25T15:30:00Z', 8, '2027-03-30T14:00:00Z'],
  ['Easter in Scotland: Good Friday closed, Easter Monday open (BST)', 'GB-SCT', '2027-03-25T15:30:00Z', 8, '2027-03-29T14:00:00Z'],
  ['Easter in Northern Ireland: as England', 'GB-NIR', '2027-03-25T15:30:00Z', 8, '2027-03-30T14:00:00Z'],
  // The October clock change: Fri 23 Oct 2026 17:00 BST/IST (16:00Z) + 2h = 0.5h Friday, 1.5h after.
  ['October clocks back + IE October bank holiday: Tue 10:30 GMT', 'IE', '2026-10-23T16:00:00Z', 2, '2026-10-27T10:30:00Z'],
  ['October clocks back in England: Mon 10:30 GMT', 'GB-ENG', '2026-10-23T16:00:00Z', 2, '2026-10-26T10:30:00Z'],
  ['October clocks back in Wales: Mon 10:30 GMT', 'GB-WLS', '2026-10-23T16:00:00Z', 2, '2026-10-26T10:30:00Z'],
  // Weekends and out-of-hours arrivals start the clock at the next opening.
  ['Saturday arrival starts Monday 09:00', 'GB-ENG', '2026-11-14T10:00:00Z', 1, '2026-11-16T10:00:00Z'],
  ['early arrival starts at 09:00', 'IE', '2026-11-17T07:00:00Z', 1, '2026-11-17T10:00:00Z'],
  ['evening arrival starts next morning', 'IE', '2026-11-17T20:00:00Z', 1, '2026-11-18T10:00:00Z'],
  ['arrival at closing time starts next morning', 'IE', '2026-11-17T17:30:00Z', 0.5, '2026-11-18T09:30:00Z'],
  ['Friday evening to Monday', 'GB-SCT', '2026-11-20T18:00:00Z', 2, '2026-11-23T11:00:00Z'],
  ["St Andrew's Day closes Scotland", 'GB-SCT', '2026-11-27T17:00:00Z', 1, '2026-12-01T09:30:00Z'],
  ["St Andrew's Day is open in England", 'GB-ENG', '2026-11-27T17:00:00Z', 1, '2026-11-30T09:30:00Z'],
  // Precision and spans.
  ['minute precision (75 min)', 'IE', '2026-11-17T09:07:00Z', 1.25, '2026-11-17T10:22:00Z'],
  ['due exactly at close', 'IE', '2026-11-17T16:30:00Z', 1, '2026-11-17T17:30:00Z'],
  ['three business days across a weekend', 'GB-ENG', '2026-11-19T12:00:00Z', 25.5, '2026-11-24T12:00:00Z'],
];

describe('slaDue', () => {
  it.each(ROWS)('%s', (_name, region, from, hours, due) => {
    expect(slaDue(new Date(from), hours, calendar(region)).toISOString()).toBe(new Date(due).toISOString());
  });

  it('skips company closures from the policy', () => {
    const cal = calendar('IE', { closures: ['2026-12-24'] });
    // Wed 23 Dec 2026 17:00 + 1h: 0.5h Wednesday, Thursday 24th closed, Friday 25th Christmas, Monday 28th?
    // 28 Dec 2026 is a Monday; St Stephen's Day (Sat 26) has no substitute in Ireland, so Monday is open.
    expect(slaDue(new Date('2026-12-23T17:00:00Z'), 1, cal).toISOString()).toBe('2026-12-28T09:30:00.000Z');
  });

  it('uses per-weekday hours', () => {
    const cal = calendar('IE', { workingHours: { ...calendar('IE').workingHours, fri: { open: 540, close: 780, text: '09:00-13:00' } } });
    expect(slaDue(new Date('2026-11-20T12:00:00Z'), 2, cal).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });

  it('refuses a calendar with no working time', () => {
    expect(() => slaDue(new Date('2026-11-20T12:00:00Z'), 1, calendar('IE', { workingHours: {} }))).toThrow(/no working time/);
  });
});

describe('business time between instants', () => {
  it('counts only working minutes, across holidays and clock changes', () => {
    const ie = calendar('IE');
    expect(businessMinutesBetween(new Date('2027-03-16T16:30:00Z'), new Date('2027-03-18T12:00:00Z'), ie)).toBe(240);
    expect(businessMinutesBetween(new Date('2027-03-25T15:30:00Z'), new Date('2027-03-30T14:00:00Z'), calendar('GB-ENG'))).toBe(480);
    expect(businessMinutesBetween(new Date('2026-11-18T10:00:00Z'), new Date('2026-11-17T10:00:00Z'), ie)).toBe(0);
  });

  it('knows when it is working time and when the clock next opens', () => {
    const ie = calendar('IE');
    expect(isWorkingTime(new Date('2027-03-17T10:00:00Z'), ie)).toBe(false);
    expect(isWorkingTime(new Date('2027-03-18T10:00:00Z'), ie)).toBe(true);
    expect(nextOpening(new Date('2027-03-16T18:00:00Z'), ie).toISOString()).toBe('2027-03-18T09:00:00.000Z');
  });
});
