import jStat from 'jstat';

// The statistics behind the evidence, in one place, each with its source:
// - Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
//   JASA 22(158), 209-212: the score interval for one proportion.
// - Newcombe, R. G. (1998). Interval estimation for the difference between independent
//   proportions: comparison of eleven methods. Statistics in Medicine 17, 873-890: method 10,
//   the hybrid score interval, built from the two Wilson intervals. Tested against his Table II.
// - Bonferroni: m intervals read together each get confidence 1 - alpha/m, so all m hold at
//   once with probability at least 1 - alpha.
// - The standard normal quantile is jStat's (jstat on npm).

export interface Interval {
  low: number;
  high: number;
}

export interface Difference extends Interval {
  /** The first rate minus the second. */
  difference: number;
}

/** The two-sided critical value for `confidence` shared by `comparisons` intervals (Bonferroni). */
export function familyZ(confidence: number, comparisons = 1): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} is not between 0 and 1`);
  const alpha = (1 - confidence) / Math.max(1, comparisons);
  return jStat.normal.inv(1 - alpha / 2, 0, 1);
}

/** Wilson's score interval for `successes` out of `n` (n > 0). */
export function wilsonInterval(successes: number, n: number, z: number): Interval {
  if (!(n > 0) || successes < 0 || successes > n) throw new RangeError(`${successes} of ${n} is not a proportion`);
  const p = successes / n;
  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + 4 * successes * (1 - p));
  const denominator = 2 * (n + z2);
  // At 0 and n the bounds are exactly 0 and 1 (the formula gives them up to rounding).
  return { low: successes === 0 ? 0 : (centre - spread) / denominator, high: successes === n ? 1 : (centre + spread) / denominator };
}

/**
 * Newcombe's hybrid score interval (method 10) for p1 - p2, from x1 of n1 and x2 of n2; null when
 * either group is empty (there is no rate to compare).
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z: number): Difference | null {
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  const d = p1 - p2;
  return {
    difference: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
