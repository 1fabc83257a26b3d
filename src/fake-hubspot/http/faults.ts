import { z } from 'zod';
import { errorBody, HubSpotHttpError } from './hubspotErrors.js';
import { routeMatcher } from './routeKey.js';
import { seededRandom } from '../../lib/seededRandom.js';

/**
 * Faults injected on chosen routes, by rate (seeded, so a drill is repeatable) or for the next
 * `times` matching calls:
 * - rate-limit: a 429 TEN_SECONDLY_ROLLING with Retry-After, as HubSpot sends it;
 * - server-error: a 5xx (500 unless `status` says otherwise) with HubSpot's error body;
 * - timeout: the call hangs for `delayMs`, then a 504 (a client with a shorter timeout gives up first);
 * - slow: the call is answered correctly after `delayMs`;
 * - late-answer: the call does its work at once and its answer comes `delayMs` later (what a
 *   client that dies in between never learns: a task HubSpot created, its id unrecorded);
 * - batch-partial: a batch call succeeds for some inputs and returns 207 with errors for the others
 *   (`failFraction` of them, at least one); those inputs are not applied.
 */
export const FaultRuleSchema = z.strictObject({
  route: z.string().default('**'),
  kind: z.enum(['rate-limit', 'server-error', 'timeout', 'slow', 'late-answer', 'batch-partial']),
  rate: z.number().min(0).max(1).optional(),
  times: z.number().int().positive().optional(),
  /** Let this many matching calls through before the rule starts to fire (fail the commit, not the claim). */
  after: z.number().int().nonnegative().optional(),
  status: z.number().int().min(500).max(599).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  failFraction: z.number().min(0).max(1).optional(),
});
export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
type FaultRule = z.output<typeof FaultRuleSchema> & { matches: (key: string) => boolean; remaining?: number; skip: number };

export interface FaultDecision {
  /** Thrown before the route runs. */
  error?: HubSpotHttpError;
  /** Waited before answering (slow, timeout). */
  delayMs?: number;
  /** Waited after the work is done, before the answer goes (late-answer). */
  lateMs?: number;
  /** For batch calls: the indexes of inputs to fail. */
  failInputs?: (inputCount: number) => Set<number>;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private random: () => number;
  /** How many calls each kind of fault has hit (what a drill or the soak reports). */
  readonly fired: Record<FaultRule['kind'], number> = { 'rate-limit': 0, 'server-error': 0, timeout: 0, slow: 0, 'late-answer': 0, 'batch-partial': 0 };

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Adds rules; an invalid rule is refused whole with zod's message naming the field. */
  inject(...inputs: FaultRuleInput[]): void {
    const parsed = inputs.map((input) => FaultRuleSchema.parse(input));
    for (const rule of parsed) this.rules.push({ ...rule, matches: routeMatcher(rule.route), remaining: rule.times, skip: rule.after ?? 0 });
  }

  clear(seed?: number): void {
    this.rules = [];
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  list(): z.output<typeof FaultRuleSchema>[] {
    return this.rules.map(({ matches: _m, remaining: _r, skip: _s, ...rule }) => rule);
  }

  /** What happens to this call: the first matching rule that fires decides. */
  decide(route: string): FaultDecision {
    for (const rule of this.rules) {
      if (!rule.matches(route)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      if (rule.remaining !== undefined && rule.remaining <= 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.kind === 'batch-partial' && !/\/batch\/(read|create|update|upsert)$/.test(route)) continue;
      if (rule.remaining !== undefined) rule.remaining--;
      this.fired[rule.kind]++;
      return this.effect(rule);
    }
    return {};
  }

  private effect(rule: FaultRule): FaultDecision {
    switch (rule.kind) {
      case 'rate-limit':
        return {
          error: new HubSpotHttpError(
            429,
            errorBody('RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.', { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }),
            { 'Retry-After': String(rule.retryAfterSeconds ?? 1) },
          ),
        };
      case 'server-error':
        return { error: new HubSpotHttpError(rule.status ?? 500, errorBody('INTERNAL_ERROR', 'Internal error (injected by the fake HubSpot).')) };
      case 'timeout':
        return { delayMs: rule.delayMs ?? 30_000, error: new HubSpotHttpError(504, errorBody('GATEWAY_TIMEOUT', 'The request timed out (injected by the fake HubSpot).')) };
      case 'slow':
        return { delayMs: rule.delayMs ?? 2_000 };
      case 'late-answer':
        return { lateMs: rule.delayMs ?? 2_000 };
      case 'batch-partial': {
        const fraction = rule.failFraction ?? 0.1;
        return {
          failInputs: (n) => {
            const failed = new Set<number>();
            for (let i = 0; i < n; i++) if (this.random() < fraction) failed.add(i);
            if (failed.size === 0 && n > 0) failed.add(Math.floor(this.random() * n));
            return failed;
          },
        };
      }
    }
  }
}
