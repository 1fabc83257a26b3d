import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_SIGNALS, signalSpec, type HandoffPolicy, type SignalSpec } from '../src/domain/index.js';
import { simulate } from '../src/domain/simulation/simulate.js';
import { evidenceFromExport, previewFromExport } from '../src/lead-import/exportEvidence.js';
import { readLeadsFile } from '../src/lead-import/readLeadsFile.js';
import { historyExport, historyExportColumns } from '../src/portal/historyExport.js';

export interface EvidenceBenchResult {
  leads: number;
  mqls: number;
  runs: number;
  rows: { what: string; medianMs: number; ratio: number; peakRssMb: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `handoff evidence`, `handoff preview` and `handoff simulate` over the same generated export (the
 * demo's outcome model, two quarters), read once; each timed `runs` times in this process, medians
 * compared with simulate's. Reading the file is not timed: the three share it.
 */
export function evidenceBench(policy: HandoffPolicy, proposed: HandoffPolicy, leads: number, runs: number): EvidenceBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-evidence-bench-'));
  try {
    const file = join(dir, 'history.csv');
    const generated = historyExport({ seed: 99, leads, from: new Date('2026-05-01T08:00:00Z'), days: 184, policy });
    writeFileSync(file, stringify(generated.rows, { header: true, columns: historyExportColumns(policy) }));
    const read = readLeadsFile(file, policy);
    if (!read.ok) throw new Error(read.error);
    const rows = read.value;
    const now = new Date('2026-12-02T12:00:00Z');
    const signals = DEFAULT_SIGNALS.map((s) => signalSpec(s) as SignalSpec);
    const work: [string, () => unknown][] = [
      ['simulate (one policy, qualify + route + SLA per lead)', () => simulate(rows, policy)],
      ['evidence (every criterion and 3 signals, judged by the policy)', () => evidenceFromExport(rows, policy, { now }, signals)],
      ['preview (two policies side by side, with the changes in words)', () => previewFromExport(rows, policy, proposed, { now })],
    ];
    const out: EvidenceBenchResult['rows'] = [];
    for (const [what, run] of work) {
      const times: number[] = [];
      let peak = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        run();
        times.push(performance.now() - t0);
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      out.push({ what, medianMs: median(times), ratio: 0, peakRssMb: Math.round(peak / 1e6) });
    }
    for (const r of out) r.ratio = Math.round((r.medianMs / out[0]!.medianMs) * 100) / 100;
    return { leads, mqls: generated.truth.filter((t) => t.mql).length, runs, rows: out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
