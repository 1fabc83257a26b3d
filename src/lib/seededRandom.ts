/**
 * mulberry32: a tiny seeded pseudo-random generator, numbers in [0, 1). The same seed gives the
 * same sequence on every run and machine, which is what the fake's fault rates, the benchmark's
 * synthetic leads and the sample leads file need. Depends on nothing, so every part may use it.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
