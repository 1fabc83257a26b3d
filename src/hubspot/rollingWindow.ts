/** A limit HubSpot counts: at most `calls` in any rolling `windowMs`. */
export interface WindowLimit {
  calls: number;
  windowMs: number;
}

/**
 * Keeps calls under a rolling-window limit by timing them, rather than learning it from 429s.
 *
 * As HubSpot counts: up to `calls` go at once, and the next waits until the oldest of them is a
 * window old. (Spacing every call evenly made each of a few routings arriving together wait behind
 * the one before, under the limit though they were.) The window is kept 3 % longer than HubSpot's:
 * HubSpot counts arrivals, and network jitter bunches what left in time.
 */
export class RollingWindow {
  /** When the last `calls` calls were let go, oldest first (never decreasing). */
  private readonly sent: number[] = [];
  private windowMs: number;
  private calls: number;

  constructor(limit: WindowLimit | false) {
    this.calls = limit ? limit.calls : 0;
    this.windowMs = limit ? limit.windowMs / 0.97 : 0;
  }

  get limit(): WindowLimit | false {
    return this.calls > 0 ? { calls: this.calls, windowMs: this.windowMs * 0.97 } : false;
  }

  /** Never plan above what HubSpot says the limit is (a lower `calls` wins; the window is HubSpot's). */
  lower(limit: WindowLimit): void {
    if (this.calls > 0 && limit.calls > 0 && limit.calls < this.calls) {
      this.calls = limit.calls;
      this.windowMs = Math.max(this.windowMs, limit.windowMs / 0.97);
    }
  }

  /**
   * Reserves the next slot for a call asked for at `now` and says when it may go (≥ now).
   * `steady`: one page of a long read (every page after the first), spaced a window's share after
   * the call before it: bursts of pages arrive bunched and draw 429s, while a lone call (a
   * routing, a first page) goes as soon as the window allows.
   */
  reserve(now: number, { steady = false } = {}): number {
    if (this.calls <= 0) return now;
    const last = this.sent.at(-1) ?? -Infinity;
    const oldest = this.sent.length >= this.calls ? this.sent[this.sent.length - this.calls]! : -Infinity;
    const at = Math.max(now, last + (steady ? this.windowMs / this.calls : 0), oldest + this.windowMs);
    this.sent.push(at);
    if (this.sent.length > this.calls) this.sent.splice(0, this.sent.length - this.calls);
    return at;
  }
}
