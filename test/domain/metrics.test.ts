import { parsePeriod } from '../../src/domain/metrics/period.js';
import { percentile, rate } from '../../src/domain/metrics/percentile.js';

const NOW = new Date('2026-11-25T09:30:00Z');

describe('reporting periods (Europe/Dublin)', () => {
  it.each([
    ['this-quarter', '2026-09-30T23:00:00.000Z', '2027-01-01T00:00:00.000Z', '2026-Q4'], // 1 October is still Irish Summer Time
    ['last-quarter', '2026-06-30T23:00:00.000Z', '2026-09-30T23:00:00.000Z', '2026-Q3'], // Irish Summer Time: midnight is 23:00 UTC
    ['2027-Q1', '2027-01-01T00:00:00.000Z', '2027-03-31T23:00:00.000Z', '2027-Q1'], // clocks go forward on 28 March
    ['2026-11-01..2026-11-30', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2026-11-01 to 2026-11-30'],
    ['last-30-days', '2026-10-26T09:30:00.000Z', '2026-11-25T09:30:00.000Z', 'last 30 days'],
  ])('%s', (text, from, to, label) => {
    const p = parsePeriod(text, NOW);
    expect('error' in p ? p : { from: p.from.toISOString(), to: p.to.toISOString(), label: p.label }).toEqual({ from, to, label });
  });

  it.each(['Q5', '2026-Q5', '2026-12-01..2026-11-01', ''])('refuses %j, naming it', (text) => {
    expect(parsePeriod(text, NOW)).toEqual({ error: expect.stringContaining(JSON.stringify(text)) });
  });
});

describe('percentiles and rates', () => {
  it.each([
    [[], 50, undefined],
    [[7], 50, 7],
    [[30, 10, 20], 50, 20],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
  ])('percentile(%j, %d) = %s', (values, p, expected) => expect(percentile(values, p)).toBe(expected));

  it('rates to one decimal, undefined for nothing', () => {
    expect([rate(1, 3), rate(2, 2), rate(0, 0)]).toEqual([33.3, 100, undefined]);
  });
});
