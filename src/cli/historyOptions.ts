import { resolve } from 'node:path';
import { DEFAULT_SIGNALS, parsePeriod, signalSpec, type HandoffPolicy, type SignalSpec } from '../domain/index.js';
import type { SimulatedLead } from '../domain/simulation/simulate.js';
import type { ExportWindow } from '../lead-import/exportEvidence.js';
import { readLeadsFile } from '../lead-import/readLeadsFile.js';
import { CliExit, type CliIO } from './io.js';

// What `handoff evidence` and `handoff preview` read the same way: --leads, --since and --signal.

/** `--since`: a date (from it to now) or a period as the home page takes it. */
export function sinceAsPeriod(since: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}..` : since;
}

/** The export's rows (Handoff's columns read by their labels) and the window --since gives; a bad file exits 1, a bad --since 2. */
export function historyExportOrExit(file: string, since: string | undefined, policy: HandoffPolicy, io: CliIO): { rows: SimulatedLead[]; window: ExportWindow } {
  const rows = readLeadsFile(resolve(io.cwd, file), policy);
  if (!rows.ok) {
    io.err(rows.error);
    throw new CliExit(1);
  }
  const now = io.now();
  if (!since) return { rows: rows.value, window: { now } };
  const p = parsePeriod(sinceAsPeriod(since), now);
  if ('error' in p) {
    io.err(`--since: ${p.error}`);
    throw new CliExit(2);
  }
  return { rows: rows.value, window: { since: p.from, now } };
}

/** The signals asked for, or each bad one named on stderr and exit 2. */
export function signalsOrExit(texts: readonly string[] | undefined, io: CliIO): SignalSpec[] {
  const specs = (texts?.length ? texts : DEFAULT_SIGNALS).map((t) => ({ t, s: signalSpec(t) }));
  const bad = specs.filter((x) => 'error' in x.s);
  for (const b of bad) io.err(`--signal: ${(b.s as { error: string }).error}`);
  if (bad.length) throw new CliExit(2);
  return specs.map((x) => x.s as SignalSpec);
}
