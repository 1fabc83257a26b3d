import { familyZ, newcombeDifference, wilsonInterval } from '../../../src/domain/evidence/scoreIntervals.js';

// Published worked examples, to the three (and four) decimals the papers print.
const Z95 = familyZ(0.95);

describe('the normal quantile', () => {
  it('is 1.960 for one 95 % interval, and grows with the number read together (Bonferroni)', () => {
    expect(Z95).toBeCloseTo(1.959964, 6);
    expect(familyZ(0.95, 10)).toBeCloseTo(2.807034, 5);
    expect(familyZ(0.9, 2)).toBeCloseTo(Z95, 9);
  });
  it('refuses a confidence outside (0, 1)', () => {
    expect(() => familyZ(95)).toThrow('confidence 95 is not between 0 and 1');
  });
});

describe("Wilson's score interval (Newcombe 1998a, Statistics in Medicine 17:857, Table I, method 3)", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const i = wilsonInterval(x, n, Z95);
    expect(i.low).toBeCloseTo(low, 4);
    expect(i.high).toBeCloseTo(high, 4);
  });
  it('refuses what is not a proportion', () => {
    expect(() => wilsonInterval(3, 2, Z95)).toThrow('3 of 2 is not a proportion');
    expect(() => wilsonInterval(0, 0, Z95)).toThrow('0 of 0 is not a proportion');
  });
});

describe("Newcombe's hybrid score interval for a difference (Newcombe 1998b, Statistics in Medicine 17:873, Table II, method 10)", () => {
  it.each([
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
    ['(g)', 10, 10, 0, 20, 0.6791, 1],
    ['(h)', 10, 10, 0, 10, 0.6075, 1],
  ])('example %s: %i/%i - %i/%i is %f to %f', (_, x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x1, n1, x2, n2, Z95)!;
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });
  it('is symmetric: swapping the groups negates the interval', () => {
    const ab = newcombeDifference(56, 70, 48, 80, Z95)!;
    const ba = newcombeDifference(48, 80, 56, 70, Z95)!;
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
  });
  it('is wider when more intervals are read together', () => {
    const one = newcombeDifference(56, 70, 48, 80, Z95)!;
    const ten = newcombeDifference(56, 70, 48, 80, familyZ(0.95, 10))!;
    expect(ten.low).toBeLessThan(one.low);
    expect(ten.high).toBeGreaterThan(one.high);
  });
  it('is null when a group is empty', () => {
    expect(newcombeDifference(3, 10, 0, 0, Z95)).toBeNull();
    expect(newcombeDifference(0, 0, 3, 10, Z95)).toBeNull();
  });
});
