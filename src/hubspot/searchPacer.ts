/** HubSpot's search limit: at most `searches` in any rolling `windowMs` (5 a second). */
export interface SearchLimit {
  searches: number;
  windowMs: number;
}

/**
 * Keeps search calls under HubSpot's search limit by timing them, rather than learning it from
 * 429s. Shared by every gateway over one client, so concurrent handlers pace together.
 *
 * A rolling window, as HubSpot counts: up to `searches` go at once, and the next waits until the
 * oldest of them is a window old. (Spacing every search evenly made each of a few routings
 * arriving together wait a fifth of a second behind the one before, under the limit though they
 * were: 205 ms at the median in the latency benchmark, now 30 ms.) The window is kept 3 %
 * longer than HubSpot's: HubSpot counts arrivals, and network jitter bunches what left in time.
 */
export class SearchPacer {
  /** When the last `searches` searches were let go, oldest first (never decreasing). */
  private readonly sent: number[] = [];
  private readonly windowMs: number;
  private readonly searches: number;

  constructor(limit: SearchLimit | false) {
    this.searches = limit ? limit.searches : 0;
    this.windowMs = limit ? limit.windowMs / 0.97 : 0;
  }

  /**
   * Reserves the next slot for a search asked for at `now` and says when it may go (≥ now).
   * `steady`: one page of a long read (every page after the first), spaced a window's share after
   * the search before it: bursts of pages arrive bunched and draw 429s, while a lone search (a
   * routing, a first page) goes as soon as the window allows.
   */
  reserve(now: number, { steady = false } = {}): number {
    if (this.searches <= 0) return now;
    const last = this.sent.at(-1) ?? -Infinity;
    const oldest = this.sent.length >= this.searches ? this.sent[this.sent.length - this.searches]! : -Infinity;
    const at = Math.max(now, last + (steady ? this.windowMs / this.searches : 0), oldest + this.windowMs);
    this.sent.push(at);
    if (this.sent.length > this.searches) this.sent.shift();
    return at;
  }
}
