import { RollingWindow, type WindowLimit } from './rollingWindow.js';

/**
 * What Handoff may spend of a portal's HubSpot API allowance. HubSpot counts every call against a
 * 10-second limit (190 on Professional and Enterprise, 100 on Starter) and searches against their
 * own (5 a second); Handoff keeps a share of the 10-second limit free for the customer's other
 * integrations.
 */
export interface CallLimits {
  /** HubSpot's limit per rolling window (X-HubSpot-RateLimit-Max). */
  tenSecondly: number;
  /** Its window (X-HubSpot-RateLimit-Interval-Milliseconds): 10 s, shorter when a benchmark runs time faster. */
  windowMs: number;
  /** The share of it left for the portal's other integrations (0-0.9). */
  shareForOthers: number;
  /** HubSpot's search limit. */
  search: WindowLimit;
}

export const DEFAULT_CALL_LIMITS: CallLimits = { tenSecondly: 190, windowMs: 10_000, shareForOthers: 0.2, search: { calls: 5, windowMs: 1000 } };

/** Handoff's own share of the 10-second limit. */
export function handoffShare(limits: Pick<CallLimits, 'tenSecondly' | 'windowMs' | 'shareForOthers'>): WindowLimit {
  return { calls: Math.max(1, Math.floor(limits.tenSecondly * (1 - limits.shareForOthers))), windowMs: limits.windowMs };
}

export type CallKind = 'call' | 'search';

/** What one HubSpot answer's X-HubSpot-RateLimit headers say: the window's limit and what is left of it for the whole portal. */
export interface RateLimitReading {
  max: number;
  remaining: number;
  windowMs: number;
  /** The daily limit and what is left of it, when HubSpot says. */
  daily?: { max: number; remaining: number };
}

/** HubSpot's daily limit was reached (a 429 whose policyName is DAILY): every HubSpot call waits until the portal's day resets. */
export class HubSpotDailyLimitReached extends Error {
  constructor(readonly until: Date) {
    super(`HubSpot's daily API limit for this portal is reached: Handoff's HubSpot work waits until ${until.toISOString()}, when the portal's day resets`);
    this.name = 'HubSpotDailyLimitReached';
  }
}

/** Calls kept back from the window HubSpot says is left, for whatever else reaches the portal in the meantime. */
const HEADROOM = 2;
/** How often a call held back looks again (ms). */
const RECHECK_MS = 10;
/** With nothing recent to go by, how long the calls after the first wait for its answer (ms): never longer. */
const PROBE_MS = 250;
/** A call counted in flight this long without an answer is forgotten (it was abandoned). */
const FORGET_MS = 30_000;

/**
 * What the headers of HubSpot's answers say, kept per budget: the whole portal's calls left in the
 * window at the last answer, and Handoff's calls sent and not yet answered. Handoff then waits for
 * the window to turn when another integration has spent it, instead of learning that from a 429.
 * With no answer inside the last window to go by, the first call goes and the rest wait (briefly)
 * for what its answer says; until any answer has carried the headers, nothing is held.
 */
class HeaderReading {
  private last?: { at: number; remaining: number; windowMs: number };
  /** When each call in flight was let go, oldest first. */
  private readonly inFlight: number[] = [];
  /** Whether HubSpot's answers carry the headers at all (a stand-in with its limits off sends none: nothing is held then). */
  private heard = false;
  parkedUntil?: number;

  /** Holds a call until it may go (on the caller's clock), then counts it in flight. */
  async admit(now: () => number): Promise<void> {
    for (;;) {
      const at = now();
      if (this.parkedUntil !== undefined && at < this.parkedUntil) throw new HubSpotDailyLimitReached(new Date(Date.now() + (this.parkedUntil - at)));
      while (this.inFlight.length && this.inFlight[0]! < at - FORGET_MS) this.inFlight.shift();
      const last = this.last && at < this.last.at + this.last.windowMs ? this.last : undefined;
      const wait = !this.heard
        ? 0
        : last
        ? last.remaining - this.inFlight.length > HEADROOM
          ? 0
          : Math.max(RECHECK_MS, last.at + last.windowMs / 0.97 - at)
        : this.inFlight.length === 0 || at - this.inFlight.at(-1)! >= PROBE_MS
          ? 0
          : RECHECK_MS;
      if (wait === 0) {
        this.inFlight.push(at);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1000)));
    }
  }

  answered(reading: RateLimitReading | undefined, at: number): void {
    this.inFlight.shift();
    if (reading) {
      this.last = { at, remaining: reading.remaining, windowMs: reading.windowMs };
      this.heard = true;
    }
  }
}

/**
 * One budget for every HubSpot call Handoff makes for a portal: each call reserves its slot and
 * waits for it. In one process the budget is in memory; several instances share one in the
 * ledger's database (LedgerCallBudget), so together they stay under the same limit.
 */
export interface CallBudget {
  /** Reserves a slot for one call (held first while HubSpot's headers say the portal's window is spent) and says how long to wait for it (ms, ≥ 0); the call then counts in flight until `answered`. `steady`: a later page of a long read. */
  reserve(kind: CallKind, options?: { steady?: boolean }): Promise<number>;
  /** HubSpot said its 10-second limit (a 429's X-HubSpot-RateLimit headers): plan our share of it from now on. */
  learn(hubspotLimit: WindowLimit): void;
  /** A reserved call's answer came (or it failed without one): what the answer's headers said of the portal's window. */
  answered(reading: RateLimitReading | undefined): void;
  /** HubSpot's daily limit is reached: every call fails with HubSpotDailyLimitReached until `until`. */
  parkUntil(until: Date): void;
  /** When HubSpot's daily limit lets Handoff's calls go again, while it is reached. */
  readonly parkedUntil: Date | undefined;
  readonly limits: { call: WindowLimit | false; search: WindowLimit | false };
}

/** What a budget is built from: HubSpot's limits and our share, or (tests, imports) the windows themselves. */
export type BudgetLimits = CallLimits | { call: WindowLimit | false; search: WindowLimit | false; shareForOthers?: number };

function windowsOf(limits: BudgetLimits): { call: RollingWindow; search: RollingWindow; share: number } {
  const call = 'tenSecondly' in limits ? handoffShare(limits) : limits.call;
  return { call: new RollingWindow(call), search: new RollingWindow(limits.search), share: limits.shareForOthers ?? DEFAULT_CALL_LIMITS.shareForOthers };
}

/** The budget of one process. */
export class MemoryCallBudget implements CallBudget {
  private readonly windows: ReturnType<typeof windowsOf>;
  private readonly reading = new HeaderReading();

  constructor(
    limits: BudgetLimits,
    private readonly now: () => number = () => performance.now(),
    /** false: plan from Handoff's share alone, deaf to HubSpot's headers (what Handoff did before; the tests' control). */
    private readonly readsHeaders = true,
  ) {
    this.windows = windowsOf(limits);
  }

  get limits() {
    return { call: this.windows.call.limit, search: this.windows.search.limit };
  }

  async reserve(kind: CallKind, options: { steady?: boolean } = {}): Promise<number> {
    if (this.readsHeaders) await this.reading.admit(this.now);
    const now = this.now();
    return this.windows[kind].reserve(now, options) - now;
  }

  learn(hubspotLimit: WindowLimit): void {
    this.windows.call.lower(handoffShare({ tenSecondly: hubspotLimit.calls, windowMs: hubspotLimit.windowMs, shareForOthers: this.windows.share }));
  }

  answered(reading: RateLimitReading | undefined): void {
    this.reading.answered(reading, this.now());
  }

  parkUntil(until: Date): void {
    this.reading.parkedUntil = this.now() + (until.getTime() - Date.now());
    this.parked = until;
  }


  private parked?: Date;
  get parkedUntil(): Date | undefined {
    return this.parked && this.parked.getTime() > Date.now() ? this.parked : undefined;
  }
}

/** The port the shared budget needs from the ledger (one SQL reservation per call). */
export interface CallSlotStore {
  reserveHubSpotCall(kind: string, limit: WindowLimit, steady: boolean): Promise<number>;
}

/**
 * The budget several instances share: each call's slot is reserved in the ledger's database, so
 * all of Handoff's work for the portal, on any instance, stays under one limit.
 */
export class LedgerCallBudget implements CallBudget {
  private readonly windows: ReturnType<typeof windowsOf>;
  private readonly reading = new HeaderReading();
  private parked?: Date;

  constructor(
    private readonly store: CallSlotStore,
    limits: BudgetLimits,
  ) {
    this.windows = windowsOf(limits);
  }

  get limits() {
    return { call: this.windows.call.limit, search: this.windows.search.limit };
  }

  async reserve(kind: CallKind, options: { steady?: boolean } = {}): Promise<number> {
    await this.reading.admit(() => Date.now());
    const limit = this.windows[kind].limit;
    if (!limit) return 0;
    return Math.max(0, await this.store.reserveHubSpotCall(kind, { calls: limit.calls, windowMs: limit.windowMs / 0.97 }, options.steady ?? false));
  }

  learn(hubspotLimit: WindowLimit): void {
    this.windows.call.lower(handoffShare({ tenSecondly: hubspotLimit.calls, windowMs: hubspotLimit.windowMs, shareForOthers: this.windows.share }));
  }

  answered(reading: RateLimitReading | undefined): void {
    this.reading.answered(reading, Date.now());
  }

  parkUntil(until: Date): void {
    this.reading.parkedUntil = until.getTime();
    this.parked = until;
  }

  get parkedUntil(): Date | undefined {
    return this.parked && this.parked.getTime() > Date.now() ? this.parked : undefined;
  }
}

/** What an answer's X-HubSpot-RateLimit headers say of the portal's window (and day); undefined when they are absent. */
export function readingFromHeaders(headers: Readonly<Record<string, string>> | undefined): RateLimitReading | undefined {
  const limit = limitFromHeaders(headers);
  const remaining = Number(headers?.['x-hubspot-ratelimit-remaining']);
  if (!limit || headers?.['x-hubspot-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)) return undefined;
  const dailyMax = Number(headers['x-hubspot-ratelimit-daily']);
  const dailyLeft = Number(headers['x-hubspot-ratelimit-daily-remaining']);
  return { max: limit.calls, remaining, windowMs: limit.windowMs, ...(Number.isFinite(dailyMax) && Number.isFinite(dailyLeft) && headers['x-hubspot-ratelimit-daily'] !== undefined ? { daily: { max: dailyMax, remaining: dailyLeft } } : {}) };
}

/** HubSpot's 10-second limit from the rate-limit headers it sends (a 429 among them). */
export function limitFromHeaders(headers: Readonly<Record<string, string>> | undefined): WindowLimit | undefined {
  const max = Number(headers?.['x-hubspot-ratelimit-max']);
  const interval = Number(headers?.['x-hubspot-ratelimit-interval-milliseconds']);
  if (!Number.isFinite(max) || max <= 0 || !Number.isFinite(interval) || interval <= 0) return undefined;
  return { calls: max, windowMs: interval };
}

/** The limits a policy's `hubspot` settings give (the window is HubSpot's 10 s; search is HubSpot's 5 a second). */
export function callLimitsOf(settings: { tenSecondlyLimit: number; shareForOtherIntegrations: number }): CallLimits {
  return { ...DEFAULT_CALL_LIMITS, tenSecondly: settings.tenSecondlyLimit, shareForOthers: settings.shareForOtherIntegrations };
}

/** The budget for a ledger's engine: shared through PostgreSQL (several instances), in memory on PGlite (one process owns it). */
export function budgetFor(engine: { name: string }, store: CallSlotStore, limits: CallLimits): CallBudget {
  return engine.name === 'postgresql' ? new LedgerCallBudget(store, limits) : new MemoryCallBudget(limits);
}
