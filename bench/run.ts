/**
 * `npm run bench`: the engine's throughput, HubSpot calls per handler, and card payloads, as a
 * table on stdout and in BENCHMARKS.md (with the machine, date and Node version).
 * `npm run bench:smoke`: the same code with tiny sizes, run by CI only to keep it working.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';
import { apiBudgetBench } from './apiBudgetBench.js';
import { cardPayloadBench } from './cardPayloadBench.js';
import { engineBench } from './engineBench.js';

const smoke = process.argv.includes('--smoke');
const root = resolve('.');
const loaded = loadPolicyFile(resolve(root, 'handoff.policy.yaml'));
if (!loaded.ok) throw new Error('the default policy is invalid');
const policy = loaded.value;

const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

out('# Benchmarks');
out();
out(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 1e9)} GB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}${smoke ? ' (smoke sizes: numbers mean nothing)' : ''}.`);
out();

const n = smoke ? 2_000 : 100_000;
const e = engineBench(policy, n, smoke ? 1 : 5);
out('## 1. Engine: qualify + route + SLA due, in process');
out();
out('| leads | runs | median | decisions/s | µs per lead | baseline | ratio | peak RSS | target ≥ 100,000/s |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
out(`| ${e.leads.toLocaleString('en-IE')} (${e.mqls.toLocaleString('en-IE')} MQLs routed) | ${e.runs} | ${(e.medianMs / 1000).toFixed(2)} s | ${e.decisionsPerSecond.toLocaleString('en-IE')} | ${e.microsPerLead} | ${e.baselineMs.toFixed(0)} ms: ${e.baselineLabel} | ${e.ratioToBaseline}× | ${e.peakRssMb} MB | ${met(e.decisionsPerSecond >= 100_000)} |`);
out();

const budget = await apiBudgetBench(policy);
out('## 2. HubSpot API calls per handler (counted by the fake)');
out();
out('| handler | calls | target | calls by route |');
out('| --- | --- | --- | --- |');
for (const r of budget.rows) out(`| ${r.handler} | ${r.calls} | ${r.target === undefined ? '—' : `≤ ${r.target}: ${met(r.calls <= r.target)}`} | ${Object.entries(r.byRoute).map(([k, v]) => `${k} ×${v}`).join('<br>')} |`);
out();

const payload = await cardPayloadBench(root);
out('## 5. Card payload');
out();
out('| what | size |');
out('| --- | --- |');
for (const p of payload) out(`| ${p.what} (minified, React and ui-extensions provided by HubSpot) | ${kb(p.bytes)} |`);
out(`| getHandoffState response (routed lead, one history entry) | ${kb(budget.stateBytes)} |`);
out();
out('Sections 3 (bulk audit against the rate-limit ceiling) and 4 (handler latency under load) are not measured yet.');

if (!smoke) writeFileSync(resolve(root, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
