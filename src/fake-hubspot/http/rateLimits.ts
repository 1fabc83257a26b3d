import { errorBody, HubSpotHttpError } from './hubspotErrors.js';

/**
 * HubSpot's limits for a private app: a rolling ten-second window for every call (100 on
 * Free/Starter, 190 on Professional/Enterprise), a separate per-second limit on the search
 * endpoints (5/s) and a daily limit. `timeScale` shrinks the windows (10 → one-tenth of the
 * time) so a benchmark can drive HubSpot's real request pattern in a fraction of the time.
 */
export interface RateLimitConfig {
  tenSecondly: number;
  searchPerSecond: number;
  daily: number;
  timeScale: number;
}

export const HUBSPOT_LIMITS = {
  starter: { tenSecondly: 100, searchPerSecond: 5, daily: 250_000, timeScale: 1 },
  professional: { tenSecondly: 190, searchPerSecond: 5, daily: 650_000, timeScale: 1 },
} satisfies Record<string, RateLimitConfig>;

export interface LimitState {
  windowMs: number;
  searchWindowMs: number;
}

export class RateLimiter {
  private readonly general: number[] = [];
  private readonly search: number[] = [];
  private dailyCount = 0;

  constructor(
    private config: RateLimitConfig | false,
    private readonly realNow: () => number,
  ) {}

  configure(config: RateLimitConfig | false): void {
    this.config = config;
    this.general.length = 0;
    this.search.length = 0;
  }

  get settings(): RateLimitConfig | false {
    return this.config;
  }

  /** Admits one call or throws HubSpot's 429; returns the rate-limit headers HubSpot sends. */
  admit(isSearch: boolean): Record<string, string> {
    if (!this.config) return {};
    const { tenSecondly, searchPerSecond, daily, timeScale } = this.config;
    const now = this.realNow();
    const windowMs = 10_000 / timeScale;
    const secondMs = 1_000 / timeScale;
    drop(this.general, now - windowMs);
    drop(this.search, now - secondMs);
    if (this.dailyCount >= daily) {
      throw this.limited('DAILY', 'You have reached your daily limit.', secondsUntil(86_400_000 / timeScale, timeScale));
    }
    if (isSearch && this.search.length >= searchPerSecond) {
      const waitMs = this.search[0]! + secondMs - now;
      throw this.limited('SECONDLY', 'You have reached your secondly limit.', secondsUntil(waitMs, timeScale), 'publicapi-search');
    }
    if (!isSearch && this.general.length >= tenSecondly) {
      const waitMs = this.general[0]! + windowMs - now;
      throw this.limited('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.', secondsUntil(waitMs, timeScale));
    }
    (isSearch ? this.search : this.general).push(now);
    this.dailyCount++;
    return {
      'X-HubSpot-RateLimit-Daily': String(daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(daily - this.dailyCount),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(Math.round(windowMs)),
      'X-HubSpot-RateLimit-Max': String(tenSecondly),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, tenSecondly - this.general.length)),
    };
  }

  private limited(policyName: string, message: string, retryAfter: string, groupName?: string): HubSpotHttpError {
    const body = errorBody('RATE_LIMITS', message, { errorType: 'RATE_LIMIT', policyName, ...(groupName ? { groupName } : {}) });
    return new HubSpotHttpError(429, body, { 'Retry-After': retryAfter });
  }
}

/** Retry-After in seconds of the scaled clock's real time: fractional when time is scaled. */
function secondsUntil(waitMs: number, timeScale: number): string {
  const seconds = Math.max(0, waitMs) / 1000;
  return timeScale === 1 ? String(Math.max(1, Math.ceil(seconds))) : seconds.toFixed(3);
}

function drop(times: number[], before: number): void {
  let i = 0;
  while (i < times.length && times[i]! <= before) i++;
  if (i) times.splice(0, i);
}
