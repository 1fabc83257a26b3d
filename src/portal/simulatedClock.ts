/**
 * The local portal's clock: simulated time that flows with the wall clock from a starting instant
 * and can be moved forward (an hour, a business day, to the next SLA event) so anyone can watch
 * countdowns run out, breaches, escalation, reassignment and recycling. It never goes back.
 */
export class SimulatedClock {
  private base: number;
  private anchor: number;

  constructor(
    start: number,
    private readonly realNow: () => number = () => Date.now(),
  ) {
    this.base = start;
    this.anchor = realNow();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.base + (this.realNow() - this.anchor);
  }

  /** Moves forward by `ms` (negative is refused: HubSpot's history only grows). */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`the clock only moves forward: ${ms} ms`);
    return this.setTo(this.nowMs() + ms);
  }

  /** Moves to `at`, which must not be in the past. */
  setTo(at: number): Date {
    const current = this.nowMs();
    if (at < current) throw new Error(`the clock only moves forward: ${new Date(at).toISOString()} is before ${new Date(current).toISOString()}`);
    this.base = at;
    this.anchor = this.realNow();
    return new Date(at);
  }
}
