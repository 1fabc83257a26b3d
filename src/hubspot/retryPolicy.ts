import { DEFAULT_CALL_LIMITS, handoffShare } from './callBudget.js';
import type { WindowLimit } from './rollingWindow.js';

// How the HubSpot gateway waits: retries and their budget, the rate limits it paces under, and
// how long one handler call may spend on HubSpot where it runs.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Backoff when HubSpot gives no Retry-After: base × 2^n, with jitter. */
  baseDelayMs: number;
  /** Never wait past this much time for one call (an app function has about 20 s in all). */
  budgetMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Wall clock for the budget. */
  now: () => number;
  /** Sees every retry (what the benchmarks count). */
  onRetry?: (code: string, waitMs: number) => void;
  /**
   * HubSpot's search limit, to pace searches under instead of learning it from 429s: `calls`
   * in any rolling `windowMs` (5 a second; a benchmark running time faster shortens the window).
   * false: no pacing (HubSpot's limits are off, as in an import).
   */
  searchLimit: WindowLimit | false;
  /** Handoff's share of HubSpot's 10-second limit, every call counted (false: none, as in an import). */
  callLimit: WindowLimit | false;
}

/** How long one handler call may spend on HubSpot, by where it runs (the caller gives up after its own limit). */
export const INVOCATION_BUDGET_MS = {
  /** hubspot.fetch gives a card's request 15 s in all. */
  card: 12_000,
  /** HubSpot waits 30 s for a workflow action's or webhook's answer, then retries it. */
  workflow: 20_000,
  /** An app function has about 10 s to run. */
  appFunction: 8_000,
} as const;

export const DEFAULT_RETRY: RetryPolicy = {
  searchLimit: DEFAULT_CALL_LIMITS.search,
  callLimit: handoffShare(DEFAULT_CALL_LIMITS),
  attempts: 5,
  baseDelayMs: 250,
  budgetMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => performance.now(),
};
