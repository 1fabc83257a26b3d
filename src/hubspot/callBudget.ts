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

/**
 * One budget for every HubSpot call Handoff makes for a portal: each call reserves its slot and
 * waits for it. In one process the budget is in memory; several instances share one in the
 * ledger's database (LedgerCallBudget), so together they stay under the same limit.
 */
export interface CallBudget {
  /** Reserves a slot for one call and says how long to wait for it (ms, ≥ 0). `steady`: a later page of a long read. */
  reserve(kind: CallKind, options?: { steady?: boolean }): Promise<number>;
  /** HubSpot said its 10-second limit (a 429's X-HubSpot-RateLimit headers): plan our share of it from now on. */
  learn(hubspotLimit: WindowLimit): void;
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

  constructor(
    limits: BudgetLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windows = windowsOf(limits);
  }

  get limits() {
    return { call: this.windows.call.limit, search: this.windows.search.limit };
  }

  async reserve(kind: CallKind, options: { steady?: boolean } = {}): Promise<number> {
    const now = this.now();
    return this.windows[kind].reserve(now, options) - now;
  }

  learn(hubspotLimit: WindowLimit): void {
    this.windows.call.lower(handoffShare({ tenSecondly: hubspotLimit.calls, windowMs: hubspotLimit.windowMs, shareForOthers: this.windows.share }));
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
    const limit = this.windows[kind].limit;
    if (!limit) return 0;
    return Math.max(0, await this.store.reserveHubSpotCall(kind, { calls: limit.calls, windowMs: limit.windowMs / 0.97 }, options.steady ?? false));
  }

  learn(hubspotLimit: WindowLimit): void {
    this.windows.call.lower(handoffShare({ tenSecondly: hubspotLimit.calls, windowMs: hubspotLimit.windowMs, shareForOthers: this.windows.share }));
  }
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
