import { repeating } from '../lib/repeating.js';
import type { HandoffLedger } from './ledger.js';

/** How often the embedded ledger is vacuumed, and how many of those runs go by between refreshes of its statistics. */
export const UPKEEP_EVERY_MS = 5_000;
export const ANALYZE_EVERY_RUNS = 60;

/**
 * Keeps the embedded ledger's busy tables free of dead rows, as PostgreSQL's autovacuum would: a
 * vacuum of the tables Handoff rewrites every `everyMs` (a few milliseconds when there is little
 * to reclaim), with the planner's statistics refreshed every `analyzeEvery` runs (and on the
 * first). On PostgreSQL nothing is started: its autovacuum does this. A failed run is reported
 * and the next one tries again.
 */
export function startLedgerUpkeep(ledger: HandoffLedger, o: { everyMs?: number; analyzeEvery?: number; onError?: (e: unknown) => void } = {}): { stop(): Promise<void> } {
  if (ledger.engine.name !== 'pglite') return { stop: async () => undefined };
  const analyzeEvery = o.analyzeEvery ?? ANALYZE_EVERY_RUNS;
  let runs = 0;
  return repeating(() => ledger.upkeep({ analyze: runs++ % analyzeEvery === 0 }).catch((e: unknown) => o.onError?.(e)), o.everyMs ?? UPKEEP_EVERY_MS);
}
