// The routing load a simulation keeps as it goes, as the ledger counts it, so each routing costs
// the same however long the history is (a scan of every earlier handoff made simulate quadratic).

/** Handoffs open until their SLA falls due, per owner: a min-heap on the due instant. */
export class OpenHandoffs {
  private heap: { until: number; ownerId: string }[] = [];
  private counts = new Map<string, number>();

  add(ownerId: string, until: number): void {
    const h = this.heap;
    h.push({ until, ownerId });
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.until <= h[i]!.until) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
    this.counts.set(ownerId, (this.counts.get(ownerId) ?? 0) + 1);
  }

  /** Open handoffs per owner at `now`: those due after it. */
  at(now: number): Record<string, number> {
    const h = this.heap;
    while (h.length && h[0]!.until <= now) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length) {
        h[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && h[l]!.until < h[m]!.until) m = l;
          if (r < h.length && h[r]!.until < h[m]!.until) m = r;
          if (m === i) break;
          [h[m], h[i]] = [h[i]!, h[m]!];
          i = m;
        }
      }
      this.counts.set(top.ownerId, this.counts.get(top.ownerId)! - 1);
    }
    return Object.fromEntries([...this.counts].filter(([, n]) => n > 0));
  }
}
