import { formatInstant } from '../../src/domain/labels/labels.js';

// Formatted instants are kept for reuse: what was asked before must not answer a different question.
describe('formatInstant', () => {
  const at = new Date('2026-08-20T18:58:00Z');

  it.each([
    [at, 'Europe/Dublin', false, 'Thu 20 Aug 2026, 19:58'],
    [at, 'Europe/Dublin', true, 'Thu 20 Aug 2026, 19:58 (Europe/Dublin)'],
    [at, 'America/New_York', false, 'Thu 20 Aug 2026, 14:58'],
    ['2026-08-20T18:58:00Z', 'Europe/London', false, 'Thu 20 Aug 2026, 19:58'],
    [String(at.getTime()), 'Europe/Dublin', false, 'Thu 20 Aug 2026, 19:58'],
    [new Date('2026-12-20T18:58:00Z'), 'Europe/Dublin', false, 'Sun 20 Dec 2026, 18:58'],
    ['not a date', 'Europe/Dublin', false, 'not a date'],
    [undefined, 'Europe/Dublin', false, '—'],
  ] as const)('%s in %s (zone named: %s) reads "%s", asked twice', (instant, zone, withZone, expected) => {
    expect(formatInstant(instant, zone, withZone)).toBe(expected);
    expect(formatInstant(instant, zone, withZone)).toBe(expected);
  });

  it('still formats correctly after more instants than it keeps', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 2_500; i++) formatInstant(new Date(start + i * 60_000), 'Europe/Dublin');
    expect(formatInstant(new Date(start + 90 * 60_000), 'Europe/Dublin')).toBe('Thu 1 Jan 2026, 01:30');
    expect(formatInstant(at, 'Europe/Dublin')).toBe('Thu 20 Aug 2026, 19:58');
  });
});
