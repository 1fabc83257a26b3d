/** Gini coefficient of a distribution (0 = perfectly even, → 1 = one person gets everything). */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (mean === 0) return 0;
  let sum = 0;
  for (const a of values) for (const b of values) sum += Math.abs(a - b);
  return sum / (2 * n * n * mean);
}

/** max / min, or Infinity when someone got nothing while others got some. */
export function maxMinRatio(values: readonly number[]): number {
  if (values.length === 0) return 1;
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (max === 0) return 1;
  return min === 0 ? Infinity : max / min;
}
