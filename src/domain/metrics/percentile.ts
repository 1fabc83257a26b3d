/** The p-th percentile (0–100) of numbers by nearest rank, or undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** a / b as a percentage with one decimal, or undefined when b is 0. */
export function rate(a: number, b: number): number | undefined {
  return b === 0 ? undefined : Math.round((a / b) * 1000) / 10;
}
