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
import { latencyBench } from './latencyBench.js';
import { bulkAuditBench } from './bulkAuditBench.js';
import { routingHistoryBench } from './routingHistoryBench.js';
import type { BurstOptions, BurstResult } from './burstBench.js';
import { webhookAckBench } from './webhookAckBench.js';
import type { ImportResult } from './importBench.js';
import { inOwnProcess } from './isolated.js';
import { evidenceBench } from './evidenceBench.js';

const smoke = process.argv.includes('--smoke');
const root = resolve('.');
const loaded = loadPolicyFile(resolve(root, 'handoff.policy.yaml'));
if (!loaded.ok) throw new Error('the default policy is invalid');
const policy = loaded.value;
const proposedLoaded = loadPolicyFile(resolve(root, 'examples/proposed.policy.yaml'));
if (!proposedLoaded.ok) throw new Error('examples/proposed.policy.yaml is invalid');

const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

out('# Benchmarks');
out();
out(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 1e9)} GB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}${smoke ? ' (smoke sizes: numbers mean nothing)' : ''}. Measured with the machine otherwise idle: the ledger's PostgreSQL on the same cores, the fake HubSpot in the benchmark's own Node process (its work is in every time below, but for sections 5 and 6a, which run HubSpot's side in a process of its own).`);
out();

const n = smoke ? 2_000 : 100_000;
const e = engineBench(policy, n, smoke ? 1 : 5);
out('## 1. Engine: qualify + route + SLA due, in process');
out();
out('| leads | runs | median | decisions/s | µs per lead | baseline | ratio | peak RSS | target ≥ 100,000/s |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
out(`| ${e.leads.toLocaleString('en-IE')} (${e.mqls.toLocaleString('en-IE')} MQLs routed) | ${e.runs} | ${(e.medianMs / 1000).toFixed(2)} s | ${e.decisionsPerSecond.toLocaleString('en-IE')} | ${e.microsPerLead} | ${e.baselineMs.toFixed(0)} ms: ${e.baselineLabel} | ${e.ratioToBaseline}× | ${e.peakRssMb} MB | ${met(e.decisionsPerSecond >= 100_000)} |`);
out();
out("Each decision is the policy's MQL verdict from its conditions compiled once into closures (`compileQualification`: fields' readers, lower-cased values and sets worked out once, short-circuiting; a test holds it to `qualify`'s stage over 20,000 synthetic leads and every operator's edges), then routing with its explanation, then the SLA due on the owner's business calendar. The reasoned qualification (every criterion with the value seen and why) is built only for the leads written back. Before: 19,000-43,000/s with the reasoned qualification for every lead, and a Luxon date built for every fairness look-back.");
out();

const budget = await apiBudgetBench(policy);
out('## 2. HubSpot API calls per handler (counted by the fake)');
out();
out('| handler | calls | target | calls by route |');
out('| --- | --- | --- | --- |');
for (const r of budget.rows) out(`| ${r.handler} | ${r.calls} | ${r.target === undefined ? '—' : `≤ ${r.target}: ${met(r.calls <= r.target)}`} | ${Object.entries(r.byRoute).map(([k, v]) => `${k} ×${v}`).join('<br>')} |`);
out();

// PGlite always; PostgreSQL too when HANDOFF_BENCH_DATABASE_URL names one (its ledger tables are emptied).
const sizes = smoke ? [0, 200] : [0, 2_000, 20_000];
const history = [...(await routingHistoryBench(policy, sizes, smoke ? 5 : 100)), ...(process.env.HANDOFF_BENCH_DATABASE_URL ? await routingHistoryBench(policy, sizes, smoke ? 5 : 100, process.env.HANDOFF_BENCH_DATABASE_URL) : [])];
out('## 2b. Routing cost at any history size (routing load from the ledger)');
out();
out('| ledger | earlier routings in the look-back | routings measured | HubSpot calls per routing | searches | p50 | p95 |');
out('| --- | --- | --- | --- | --- | --- | --- |');
for (const h of history) out(`| ${h.engine} | ${h.earlierRoutings.toLocaleString('en-IE')} | ${h.routings} | ${h.callsPerRouting} | ${h.searches} | ${h.p50} ms | ${h.p95} ms |`);
out();
out('Each routing is the real handler against the fake HubSpot over HTTP: the contact (with its company association), the company, the follow-up task and one property write. The load (open handoffs per owner, assignments in the 30-day look-back) is read from the ledger inside the routing transaction, under the routing lock; HubSpot is never searched. The assignments are counted in the database over the index range of the look-back (per owner, from each window start): on PostgreSQL that stays within a few milliseconds at 20,000, while PGlite (Postgres compiled to WebAssembly, the embedded engine) scans the same range more slowly. Before the ledger, one routing cost 15-16 calls and 2.3 s with 2,000 earlier routings, and 56-65 calls and 18.4 s with 10,500, when it was also wrong (search stops at 10,000 results).');
out();

const bulk = await bulkAuditBench(policy, smoke ? 3_000 : 100_000, smoke ? 20 : 2);
out(`## 3. Bulk audit of ${bulk.contacts.toLocaleString('en-IE')} contacts against HubSpot's search limit`);
out();
out(`HubSpot's Professional limits enforced by the fake (search: 5 requests a second), time running ${bulk.timeScale}× faster. The audit reads the period as 4 slices searched at once, their pages paced together 3 % under the limit, and honours any 429's Retry-After.`);
out();
out('| MQLs read | search pages | ceiling | achieved | fraction of ceiling (≥ 0.9) | time | theoretical minimum | over minimum (≤ 1.15) | 429s received / retried | numbers right |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
out(`| ${bulk.mqls.toLocaleString('en-IE')} | ${bulk.searchPages} | ${bulk.ceilingPerSecond}/s | ${bulk.achievedPerSecond}/s | ${bulk.fractionOfCeiling}: ${met(bulk.fractionOfCeiling >= 0.9)} | ${bulk.seconds} s | ${bulk.theoreticalMinimumSeconds} s | ${bulk.overMinimum}: ${met(bulk.overMinimum <= 1.15)} | ${bulk.rateLimited} / ${bulk.retriesHandled} | ${bulk.auditMqlsCorrect ? 'yes' : '**no**'} |`);
out();

// Within HubSpot's search limit (routing reads the routing load with one search; the gateway
// paces searches at 5 a second), then a burst above it, which queues behind that pacer.
const routeLeadCalls = budget.rows.find((r) => r.handler === 'routeLead')?.calls;
const latency = await latencyBench(policy, smoke ? [{ requests: 10, connections: 1, rate: 4 }, { requests: 10, connections: 2 }] : [{ requests: 240, connections: 1, rate: 4 }, { requests: 200, connections: 10 }]);
out('## 4. Handler latency: "route lead" workflow action → owner written, over loopback');
out();
out('| load | requests | p50 | p90 | p95 | p95 with waiting requests counted | p99 | max | errors / non-2xx | achieved req/s | target p95 < 250 ms |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const l of latency) out(`| ${l.rate ? `${l.rate} req/s over ${l.connections} connection${l.connections === 1 ? '' : 's'} (under the search limit)` : `${l.connections} at once, unpaced (a burst above the search limit)`} | ${l.requests} | ${l.p50} ms | ${l.p90} ms | ${l.p95} ms | ${l.p95Corrected === undefined ? '—' : `${l.p95Corrected} ms`} | ${l.p99} ms | ${l.max} ms | ${l.errors} / ${l.non2xx} | ${l.rps} | ${met((l.p95Corrected ?? l.p95) < 250)} |`);
out();
out(`Each request is signed (v2, as HubSpot signs workflow actions), names a different seeded contact, and runs the real handler: ${routeLeadCalls} HubSpot calls to the fake over HTTP (contact, company, task, one property write${(routeLeadCalls ?? 0) > 4 ? ", and the mirrored Lead: the contact's Leads, then the new one" : ''}), and one ledger transaction under the routing lock (PGlite here). No routing searches HubSpot, so HubSpot's limit of 5 searches a second no longer bounds routing; a burst of routings is ordered by the lock instead.`);
out();
out("Percentiles are nearest-rank over every response's time, from autocannon's per-response event. At a fixed rate a slow response also delays the requests due while it ran (coordinated omission); the corrected column counts each of them, as HdrHistogram's recordValueWithExpectedInterval does with the interval the rate sets. (autocannon's own correction assumes a 1 ms interval and fills its histogram with made-up samples: the p50 of 105 ms in earlier versions of this table was such a number; the responses' own median, with searches then spaced evenly, was 205 ms.)");
out();

// A burst at HubSpot's rate limit: PGlite always; PostgreSQL too when HANDOFF_BENCH_DATABASE_URL names one.
const pgUrl = process.env.HANDOFF_BENCH_DATABASE_URL;
const burstSize = smoke ? 60 : 1_000;
/** How long the fake takes to answer each call in section 5's last rows (HubSpot's own answers take 100 ms and more). */
const LATENCY_MS = 150;
/**
 * Leads a row's process routes first, on a portal of its own and not measured, before its burst:
 * until the figures stop falling (PGlite at 10× time, 2026-12-06, on 2 AMD EPYC cores: after
 * 1,000 leads 1.24-1.46 s, after 3,000 1.13-1.32 s, after 5,000 1.13-1.38 s). The smoke run
 * warms up too, on a few leads, so the shared ledger's second portal runs wherever the smoke does.
 */
const WARM_UP_LEADS = smoke ? 20 : 3 * burstSize;
// Each row in a process of its own (not carrying the heap of the sections before), after a warm-up burst.
const burst = (o: Omit<BurstOptions, 'leads' | 'inFlight' | 'warmUp'>) => inOwnProcess<BurstResult & { engine: string }>('burst', { leads: burstSize, inFlight: smoke ? 10 : 50, warmUp: WARM_UP_LEADS, ...o });
/** Runs of the 10×-time rows: on a 2-core host (AMD EPYC, 2026-12-06) one run of the same code took 1.9-3.0 s, so a single run says little. */
const FAST_RUNS = smoke ? 1 : 3;
/** The run of median wall time, with every run's wall time (fastest first). */
const medianRun = async <R,>(run: () => Promise<R>, seconds: (r: R) => number, n: number): Promise<R & { runs: number[] }> => {
  const runs: R[] = [];
  for (let i = 0; i < n; i++) runs.push(await run());
  runs.sort((a, b) => seconds(a) - seconds(b));
  return { ...runs[Math.floor((n - 1) / 2)]!, runs: runs.map(seconds) };
};
/** A median row's cell note: every run's time, fastest first (nothing for a single run). */
const medianOf = (runs?: readonly number[]) => (runs && runs.length > 1 ? ` (median of ${runs.length} runs: ${runs.join(', ')} s)` : '');
const medianBurst = (o: Parameters<typeof burst>[0], n: number) => medianRun(() => burst(o), (r) => r.seconds, n);
const bursts: (BurstResult & { engine: string; runs?: number[] })[] = [
  // HubSpot's own pace (10-second windows), then 10× faster.
  await burst({ timeScale: smoke ? 10 : 1 }),
  ...(pgUrl ? [await burst({ timeScale: smoke ? 10 : 1, databaseUrl: pgUrl })] : []),
  await medianBurst({ timeScale: 10 }, FAST_RUNS),
  ...(pgUrl ? [await medianBurst({ timeScale: 10, databaseUrl: pgUrl }, FAST_RUNS)] : []),
  // The same burst with Handoff's share cut to 10 % (19 calls a window): the limit, not Handoff, sets the pace.
  ...(pgUrl ? [await burst({ timeScale: 10, databaseUrl: pgUrl, shareForOthers: 0.9 })] : []),
  // At HubSpot's pace with every call answered after 150 ms, as HubSpot's own answers take: the calls in sequence set the pace.
  ...(smoke ? [] : [await burst({ timeScale: 1, hubspotLatencyMs: LATENCY_MS }), ...(pgUrl ? [await burst({ timeScale: 1, hubspotLatencyMs: LATENCY_MS, databaseUrl: pgUrl })] : [])]),
];
out(`## 5. A burst of ${burstSize.toLocaleString('en-IE')} qualifying leads at "route lead", HubSpot's Professional limits enforced`);
out();
out('| ledger | time | in flight | Handoff\'s share of the 10-s limit | HubSpot calls | calls per lead (≤ 0.5) | searches (0) | routed by account | 429s (0) | wall time | processor time: Handoff\'s process / HubSpot\'s side / PostgreSQL | rate-limit minimum for those calls | over minimum (≤ 1.3) | same owners as one by one | answer p99 / slowest | errors |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const b of bursts) out(`| ${b.engine} | ${b.timeScale === 1 ? "HubSpot's (10-s windows)" : `${b.timeScale}× faster`}${b.latencyMs ? `, each call answered after ${b.latencyMs} ms` : ''} | ${b.inFlight} | ${b.share} of ${b.hubspotLimit} | ${b.calls} | ${b.callsPerLead}: ${met(b.callsPerLead <= 0.5)} | ${b.searches}: ${met(b.searches === 0)} | ${b.byAccount} | ${b.rateLimited}: ${met(b.rateLimited === 0)} | ${b.seconds} s${medianOf(b.runs)} | ${b.cpuSeconds} s / ${b.hubspotCpuSeconds} s / ${b.databaseCpuSeconds === undefined ? (b.engine === 'pglite' ? 'in Handoff\'s' : 'not measured') : `${b.databaseCpuSeconds} s`} | ${b.minimumSeconds} s | ${b.overMinimum === undefined ? 'no minimum: the calls fit in one window' : `${b.overMinimum}: ${met(b.overMinimum <= 1.3)}`} | ${b.sameSplit ? 'yes, lead for lead' : '**no**'} | ${b.answerP99Ms} ms / ${b.answerMaxMs} ms | ${b.errors} |`);
out();
out("Every delivery is answered with its owner well inside HubSpot's wait for a workflow action (30 s; the server answers BLOCK and completes by callback only past 15 s), so none is blocked here.");
out();
out(`The first rows run at HubSpot's own pace: a window is 10 s, so the calls past Handoff's share of one window wait for the next, and the minimum is that wait. In the other rows time runs 10× faster for HubSpot's limits (a 1-second window), in the fake and in Handoff's call budget alike, so Handoff's own work is what is left. Each delivery is a signed workflow-action request; the server gathers those that arrive while a batch is routed into the next batch (up to 100; it goes once the callers the batch before it answered are back, or 20 ms after it), takes their contacts as the enrolments brought them (the action asks HubSpot to send every contact property routing reads with each request, as HubSpot does: none is read again), asks the ledger's account index for every lead's candidates, and, while HubSpot says which companies the contacts naming no primary one are associated with, reads the companies the leads name and those matched to leads with none in one batch call; it decides them in arrival order in one ledger transaction under the routing lock, and creates their tasks and writes their properties in batch calls. Its callers are answered then, with the owner, stage and task in HubSpot; the batch's Leads are mirrored (two batch calls) while the next batch is read, and a row's wall time ends when every Lead is mirrored. The policy routes by account first (its \`account_owner\` rule): one lead in four is associated with no company and writes from a subdomain of one of 24 owned accounts, which lead-to-account matching finds in the ledger's account index (filled at the server's start by one list read), so the burst makes no CRM search. "Routed by account" counts the leads the account owner took: the others' owners were at capacity (the policy's \`respectCapacity\`), so the next rule routed them, as the policy says. Every HubSpot call first takes a slot in Handoff's share of the 10-second limit (${Math.round((1 - policy.hubspot.shareForOtherIntegrations) * 100)} % by default; the rest stays free for the portal's other integrations). "Same owners" routes the same leads one by one, in the order the burst decided them, on a fresh portal: each lead must get the same owner. Calls by route in the first row: ${Object.entries(bursts[0]!.byRoute).map(([k, v]) => `${k} ×${v}`).join(', ')}. Each row runs in a Node process of its own, after a burst of ${WARM_UP_LEADS.toLocaleString('en-IE')} leads on a portal of its own that is not measured, kept beside the measured portal in the same ledger (as \`HANDOFF_ADD_PORTAL\` keeps portals beside one another): a server that has been running has its code optimised by V8, and on PGlite its engine, a thread of the process, has had its WebAssembly compiled as it ran; a fresh process has neither, and a row run after the sections before carried their heap. How warm matters, so here is what each step measured (PGlite at 10× time, 2026-12-06, on this table's host, of 2 AMD EPYC cores): the first burst of a process took 2.8-4 s in an earlier round; after a 1,000-lead burst on a ledger of its own, so a fresh engine, 1.50-1.87 s; after the same burst in the same ledger, 1.24-1.46 s; after 3,000 leads, 1.13-1.32 s; after 5,000, 1.13-1.38 s. The warm-up stops where the figures stop falling. A server's first bursts after it starts are slower than these rows, by as much as those steps show.`);
out();
const unbound = bursts.filter((b) => b.overMinimum === undefined);
/** A burst's window of HubSpot's limit in real seconds, and what a burst with no minimum is held to: 1.3 windows, the least a burst spilling just past one window could take. */
const windowOf = (b: BurstResult) => 10 / b.timeScale;
const windowBound = (b: BurstResult) => 1.3 * windowOf(b);
if (unbound.length) {
  const where = (b: (typeof bursts)[number]) => `${b.engine}, ${b.timeScale === 1 ? "HubSpot's pace" : `${b.timeScale}× time`}`;
  out(
    `**Not judged: rows whose calls fit in one window have no minimum** (${unbound.map((b) => `${where(b)}${b.latencyMs ? `, answers after ${b.latencyMs} ms` : ''}: ${b.calls} calls for a share of ${b.share}`).join('; ')}). HubSpot's limit would let all of their calls go at once, so the bound of 1.3× the limit's minimum cannot be read on them; their wall time is Handoff's own work and the round trips between the processes (Handoff's, HubSpot's side, PostgreSQL's). Against one window instead, the least a burst spilling just past one window could take, they took ${unbound.map((b) => `${Math.round((b.seconds / windowOf(b)) * 100) / 100}× (${where(b)}${b.latencyMs ? `, answers after ${b.latencyMs} ms` : ''}): ${met(b.seconds <= windowBound(b))}`).join(', ')}. The calls are already few: a batch of 50, the deliveries in flight, makes 6 calls (${Math.min(...bursts.map((b) => b.calls))}-${Math.max(...bursts.map((b) => b.calls))} for the bursts above: how many batches the deliveries fall into depends on when they arrive, as a batch goes 20 ms after its first delivery). HubSpot's side (the fake HubSpot and the workflows sending the actions) runs in a process of its own, as in section 6a, so the processor-time column splits Handoff's process (its server, its ledger's client, PGlite's engine on the embedded ledger) from HubSpot's, and from PostgreSQL's processes on this machine (read from /proc: every postgres process's user and system time over the burst). At 10× time a batch of 50 on PostgreSQL took about 100 ms in a profiled run of an earlier round (its stages timed, 22 batches, on a host of 2 AMD EPYC cores: see below): its two reads 21 ms (the companies read while HubSpot answers the association read), the routing transaction 40 ms (the lock and the batch's reads 1 ms, deciding 50 leads 13 ms, building the commit's JSON 2 ms, the commit statement 23 ms), the task create and the property write 17 ms, then 22 ms until its callers' next deliveries were all in. Profiles of both processes, cut at those stages: Handoff's JavaScript thread was busy 64 % of the burst, but idle for most of the commit statement (busy 189 ms of its 665 ms in all): PostgreSQL's log puts 7 ms of a batch in binding the statement (parsing its 0.3 MB of jsonb parameters, and planning) and 7 ms in running it; HubSpot's side was busy 13 ms of the 21 ms of the task create and the property write (the fake storing 100 records) and 17 ms of the 22 ms between batches (the sender's next 50 deliveries), so about a quarter of each batch is the stand-in's own work. The 10×-time rows are ${FAST_RUNS === 1 ? "one run each" : `the median of ${FAST_RUNS} runs`}: on an earlier host of 2 AMD EPYC cores (2026-12-06) the same code took 1.9-3.0 s from run to run, its processor time 1.2-1.9 s, with no steal time reported; on a host of 2 Intel Xeon cores the same day it took 1.37-1.74 s on PostgreSQL and 1.78-2.24 s on PGlite from run to run (before and after the batch-wide account probe, which moved neither beyond that spread), and on this table's host, another of 2 AMD EPYC cores but a faster one, 1.17-1.27 s on PostgreSQL and 1.50-1.87 s on PGlite, so the host decides much of these rows (the table's is named at the top). All of those ranges came after a warm-up of 1,000 leads on a ledger of its own (on PGlite, a fresh engine); the rows above come after the longer warm-up in the same ledger (the paragraph above says why), which was not tried on the other hosts. So the 10×-time rows are now bound by one thread's processor time and the deliveries' round trips on a machine of ${cpus().length} cores shared with HubSpot's side and the database, not by HubSpot's calls.`,
  );
  out();
}
const slowed = bursts.filter((b) => b.latencyMs);
if (slowed.length) {
  out(
    `The last rows are the burst as production sees it: at HubSpot's pace, every call answered ${LATENCY_MS} ms after it arrives, as HubSpot's own answers take 100 ms and more (the fake answers at once otherwise). There the calls a batch makes one after another set the pace, not the limit: ${slowed.map((b) => `${b.seconds} s (${b.engine}, answers' p99 ${b.answerP99Ms} ms)`).join(', ')}. A batch now makes three calls in sequence before its callers are answered (the companies, read while HubSpot answers the association read of the contacts naming no primary company; the tasks; the property writes), and its Leads' two calls go while the next batch is read: the callers hear once the owner, stage and task are in HubSpot, as the action promises (no output field names the Lead), and the row ends when every Lead is mirrored. An earlier round (on the AMD EPYC host) took the contacts from the enrolments instead of reading them again, and read the companies beside the association read instead of after it: on PostgreSQL, 18.93 s with answers' p99 at 1,675 ms before, 12.19 s (1,066 ms) after, one run each. Against the code the round before started from: 27.0 s with answers' p99 at 1,410 ms; with one companies read a batch, 23.7 s (1,279 ms); with the callers answered before the Leads' mirror too, 17.9 s (943 ms).`,
  );
  out();
}
const slow = bursts.filter((b) => b.overMinimum !== undefined && b.overMinimum > 1.3);
if (slow.length) {
  const cpuBound = slow.filter((b) => b.cpuSeconds > 1.3 * b.minimumSeconds);
  out(
    `**Missed: wall time within 1.3× the limit's minimum** (${slow.map((b) => `${b.engine}, ${b.timeScale === 1 ? 'real time' : `${b.timeScale}× time`}, share ${b.share}: ${b.overMinimum}×`).join('; ')}). Where the calls fit in a window or two, the limit would allow them almost at once, so the wall time is the work of this one process: each delivery's HTTP request and answer, the batches' reads, decisions (qualification with reasons, routing with its explanation, the SLA clock on each owner's calendar), ledger statements and HubSpot writes, the fake HubSpot that answers every call and the benchmark's sender. "The process's processor time" is its user and system time over the burst, all its threads counted (V8's collector and compiler threads, PGlite's engine on the embedded ledger, so it can exceed the wall time); PostgreSQL's own work is in its server, on the other core. ${cpuBound.length ? `In ${cpuBound.map((b) => `the ${b.engine} row (${b.cpuSeconds} s for ${b.seconds} s)`).join(' and ')} that processor time alone is above 1.3× the minimum. Most of it is the one JavaScript thread's, on a machine of ${cpus().length} cores shared with the database, so overlapping waits cannot reach the bound: the work a lead costs this process has to fall about ${(Math.max(...cpuBound.map((b) => b.cpuSeconds / (1.3 * b.minimumSeconds)))).toFixed(1)}-fold. ` : ''}The round before this one, against the code it started from (the PostgreSQL row at 10× time, five runs of each, alternating, on this machine): 2.74 s → 2.12 s median, processor time 2.59 s → 1.94 s (single runs vary: 2.69-3.37 s before, 1.94-2.80 s after; the row above is one more run). It reads a declared request body straight from Node's request (hono's body-limit check built a web stream for every delivery: 107 ms of the 492 ms between batches in a profile), sends HubSpot's calls with Node's HTTP client instead of fetch (0.85 ms of processor time a call against 0.31 ms), keeps the due times it formatted (a quarter of deciding a lead), asks the account index while HubSpot reads the batch's companies, takes the routing lock once a transaction, and writes each handoff of a batch the one way it can land (the commit's update and insert each scanned the portal's handoffs). In a CPU profile of that row afterwards, the JavaScript thread was idle 41 % of the burst, waiting on PostgreSQL: a batch's commit statement carries about 0.4 MB of JSON for 50 leads (the handoffs with their reasons, the outbox's effects, the recorded answers), 13-17 ms as the client sees it, 8-10 ms of it PostgreSQL's planning and execution; the account probe 5 ms; each call's step records 4-5 ms. It was busy the rest: the deliveries' HTTP at both ends 16 %, the ledger's client 14 %, the fake HubSpot 9 %, garbage collection 6 %, HubSpot's client 5 %, deciding 4 %. On PGlite the same database work ran on the JavaScript thread itself then (1.2 s of a 2.6-s burst); it now runs on a worker thread of its own (section 6). Tried and dropped: HubSpot's side in a process of its own, as section 6a runs it; on two cores it takes the core the database uses, the callers come back after the 20-ms gathering window, batches split (31-50 leads) and the burst took longer (2.8-3.3 s against 1.9-2.4 s). Left: reserving HubSpot call slots a few at a time (each reservation is a database round trip, 1.7-2.2 ms as a call waits for it here); only the fake's millisecond answers would gain, because HubSpot's own take 100 ms and more, longer than a slot could be held without counting the call in the wrong window.`,
  );
}
out();

const acks = [await webhookAckBench(policy, { deliveries: smoke ? 3 : 50, events: 100, concurrent: 5 }), ...(pgUrl ? [await webhookAckBench(policy, { deliveries: smoke ? 3 : 50, events: 100, concurrent: 5, databaseUrl: pgUrl })] : [])];
out(`## 6. Webhook deliveries of 100 MQL events: acknowledged, then processed`);
out();
out('| ledger | deliveries (5 at a time) | events | ack p50 | ack p99 (< 1 s) | ack max | contacts routed after the queue drained | assignments (each once) | drain time |');
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const a of acks) out(`| ${a.engine} | ${a.deliveries} | ${a.deliveries * a.eventsPerDelivery} | ${a.p50} ms | ${a.p99} ms: ${met(a.p99 < 1000)} | ${a.max} ms | ${a.routed} | ${a.assignments}: ${met(a.assignments === a.routed && a.routed === a.deliveries * a.eventsPerDelivery)} | ${a.drainSeconds} s |`);
out();
out("HubSpot counts an answer slower than 5 s as a failure and retries the whole delivery. The server checks the body (zod), stores the events 10 to a job in one statement (pg-boss on the ledger's database) and answers; the queue's worker takes 10 jobs at a time and routes their events in batches of 100 while later deliveries arrive, in the same process. A job of 10 events instead of one each cut the queue's rows tenfold: on PGlite the list import's statements for storing, taking and settling jobs fell from about 17.5 ms a batch of 100 to about 8 ms (section 6a's import, its statements replayed on a fresh PGlite). On PGlite every statement shares one connection, so a delivery's storing waits behind whatever statement holds it: a batch's ledger work is a dozen set-based statements, never a transaction held across a HubSpot call. PGlite runs on a worker thread of its own, so the server's JavaScript reads and answers deliveries while a batch's statements run: the list import of section 6a at HubSpot's pace, three runs each, alternating, was answered at p99 378, 494 and 420 ms with PGlite on the JavaScript thread and 268, 231 and 278 ms on its own (at 10× time the runs varied too much to tell: 291-673 ms before, 268-317 ms after).");
out();

// A list import at HubSpot's pace, and 10× faster (where the limit does not bind, the ledger's own work shows).
const importSize = smoke ? 300 : 10_000;
// Each row in a process of its own, so it carries none of the earlier sections' heap.
const importRow = (o: { timeScale: number; databaseUrl?: string }) => inOwnProcess<ImportResult>('import', { contacts: importSize, inFlight: 5, ...o });
// The 10×-time rows are bound by processor time on a host whose runs of the same code vary by a
// quarter (11.0-14.2 s on PGlite in one afternoon), so they are the median of FAST_RUNS, as section 5's are.
const medianImport = (o: Parameters<typeof importRow>[0]) => medianRun(() => importRow(o), (r) => r.secondsToAllRouted, FAST_RUNS);
const imports: (ImportResult & { runs?: number[] })[] = [
  await importRow({ timeScale: smoke ? 10 : 1 }),
  ...(pgUrl ? [await importRow({ timeScale: smoke ? 10 : 1, databaseUrl: pgUrl })] : []),
  await medianImport({ timeScale: 10 }),
  ...(pgUrl ? [await medianImport({ timeScale: 10, databaseUrl: pgUrl })] : []),
];
out(`## 6a. A list import: ${importSize.toLocaleString('en-IE')} contacts made MQLs, announced by webhook deliveries of 100 events, HubSpot's Professional limits enforced`);
out();
out(`| ledger | time | ack p99 (< 1 s) / max | until HubSpot shows every contact routed | shown routed | HubSpot calls | calls per lead (≤ 0.05) | 429s (0) | rate-limit minimum for those calls | within 1.3× max(10 s, the floor) | split (max − min ≤ 1 in each pool) | ledger statements per lead | ledger time per lead, as Handoff waits for it | the database's work per lead (≤ 1 ms on PostgreSQL) | peak RSS / heap kept, before → after |`);
out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of imports) {
  // The issue's bound: 1.3 × the larger of 10 s and the floor (the floor scales with HubSpot's windows; the 10 s does not).
  const bound = 1.3 * Math.max(10, r.floorSeconds);
  out(`| ${r.engine} | ${r.timeScale === 1 ? "HubSpot's (10-s windows)" : `${r.timeScale}× faster`} | ${r.ackP99Ms} ms: ${met(r.ackP99Ms < 1000)} / ${r.ackMaxMs} ms | ${r.secondsToAllRouted} s${medianOf(r.runs)} | ${r.routedInHubSpot.toLocaleString('en-IE')}: ${met(r.routedInHubSpot === r.contacts)} | ${r.calls} | ${r.callsPerLead}: ${met(r.callsPerLead <= 0.05)} | ${r.rateLimited}: ${met(r.rateLimited === 0)} | ${r.minimumSeconds} s | ≤ ${Math.round(bound * 10) / 10} s: ${met(r.secondsToAllRouted <= bound)} | ${Object.values(r.split).join(' / ')}: ${met(r.fair)} | ${r.statementsPerLead} | ${r.ledgerMsPerLead} ms | ${r.databaseMsPerLead === undefined ? (r.engine === 'postgresql' ? 'not counted (the server does not load pg_stat_statements)' : '— (a thread of this process)') : `${r.databaseMsPerLead} ms${r.timeScale !== 1 ? `: ${met(r.databaseMsPerLead <= 1)}` : ''}`} | ${r.peakRssMb} MB / ${r.heapKeptMb.before} → ${r.heapKeptMb.after} MB |`);
}
out();
out(`The deliveries go 5 at a time, signed, to the real server (\`startServer\`), whose worker routes the stored events in batches of 100: per batch HubSpot is asked four times (the contacts in one batch read, their primary companies, named by the contacts' \`associatedcompanyid\`, in another, the follow-up tasks in one batch create, the properties in one batch update), and the ledger works set-based (the batch's handoffs and deliveries read in one statement each, the load once, every lead decided in memory, each table written in one multi-row statement, the batch's outbox items leased as they are written; HubSpot is then told, and one statement records the batch's steps, the tasks' ids with the property writes, marking the items done), two batches in flight (one's HubSpot calls beside the other's ledger work; the routing lock orders their decisions). The floor is the issue's: 4 calls for each batch of 100 at HubSpot's 190 per 10 s, the last of them ⌊(calls − 1) / 190⌋ windows after the first (${imports[0]!.floorSeconds} s for ${importSize.toLocaleString('en-IE')} at HubSpot's pace); Handoff spends only its share (80 %), so its own minimum for the calls it made is the column before. HubSpot counts its limit over a rolling window, and so does Handoff's budget (3 % longer, for network jitter): the last window's calls can go only a window after those of the window before, so at HubSpot's pace the time is about 20.6 s plus how long the first quarter of the import took, while the early deliveries were still being stored. "Shown routed" is read from the fake's store: the contact's owner, its handoff stage and its task's id written. "Ledger statements" counts every statement the ledger ran (its own and the work queue's, through Kysely's query log) from the first delivery until every contact showed routed; "ledger time, as Handoff waits for it" sums their durations as the client saw them, per lead, which includes each answer's wait for this process's event loop (busy with the other batch and the webhooks' answers) and for the routing lock; "the database's work" is PostgreSQL's own execution time for the same statements (pg_stat_statements; the bench's server loads it), without the routing lock's waits. Its target, ≤ 1 ms a lead, is read where time runs 10× faster and the limit does not bind. PGlite keeps its data in a directory on disk, as \`npm start\` and \`handoff serve --embedded-ledger\` do, and has no autovacuum: the host vacuums the tables Handoff rewrites every 5 s (15-25 ms a run during this import). The policy is the default with the Republic of Ireland split evenly (round robin, capacity not applied) and Leads not mirrored (the mirror costs two more calls a batch). Each row runs in a Node process of its own (after the other sections, one process carried their heap: the same rows took about 10 % longer and peaked at 1.3-1.9 GB), and HubSpot's side (the fake HubSpot with its ${(importSize * 2).toLocaleString('en-IE')} records, and the sender of the deliveries) in another, as HubSpot runs on its own machines: its answers to the batch calls are not Handoff's time (in Handoff's process they cost 10,000 leads about 3 s at 10× time on PGlite), and the peak RSS is Handoff's process alone. Peak RSS says how far V8 let garbage pile up before collecting it (and, on PGlite, includes the engine's thread: its WebAssembly memory, about 190 MB after an import, and its own heap); "heap kept" is the main thread's JavaScript heap after a full collection just before the first delivery and once every contact showed routed: the import's work is let go as it goes, not held (holding even a few KB a contact would add tens of MB for ${importSize.toLocaleString('en-IE')}), as the issue's bound on memory asks. Measured on 2026-12-06 on PostgreSQL at 10× time: 54 → 59 MB for 2,500 contacts and for 10,000 alike, with peak RSS 303 and 431 MB. The host decides the 10×-time rows: on 2026-12-06 the same code's PGlite import at 10× time took 11.0-14.8 s from run to run on an earlier host of 2 AMD EPYC cores, 8.3-10.3 s over nine runs on a host of 2 Intel Xeon cores, and 7.4-8.1 s on this table's host, another of 2 AMD EPYC cores (it is named at the top). Section 5's burst runs HubSpot's side in a process of its own too.`);
out();

const ev = evidenceBench(policy, proposedLoaded.value, smoke ? 2_000 : 100_000, smoke ? 1 : 3);
out(`## 6b. Evidence and preview over ${ev.leads.toLocaleString('en-IE')} leads, against simulate over the same leads`);
out();
out('| command | runs | median | per lead | ratio to simulate | peak RSS (whole process, export in memory) |');
out('| --- | --- | --- | --- | --- | --- |');
for (const r of ev.rows) out(`| ${r.what} | ${ev.runs} | ${(r.medianMs / 1000).toFixed(2)} s | ${((r.medianMs * 1000) / ev.leads).toFixed(1)} µs | ${r.ratio}× | ${r.peakRssMb} MB |`);
out();
out(`One generated HubSpot export (two quarters, ${ev.mqls.toLocaleString('en-IE')} MQLs with outcomes from the demo's stated model), read once and shared; each command timed in this process. Evidence qualifies each MQL once with reasons and counts; preview replays both versions in arrival order (simulate twice) and attributes each moved lead to the changes. Before simulate kept its routing load as the ledger counts it, it scanned every earlier handoff per lead: 30,000 leads took 25 s, 3.2 s after.`);
out();

const payload = await cardPayloadBench(root);
out('## 7. Card payload');
out();
out('| what | size |');
out('| --- | --- |');
for (const p of payload) out(`| ${p.what} (minified, React and ui-extensions provided by HubSpot) | ${kb(p.bytes)} |`);
out(`| getHandoffState response (routed lead, one history entry) | ${kb(budget.stateBytes)} |`);
out();
out('## What the misses would take');
out();
if (e.decisionsPerSecond < 100_000) out(`- **Engine (≥ 100,000/s):** ${e.decisionsPerSecond.toLocaleString('en-IE')}/s on this run; routing still builds its explanation and skip list for every lead.`);
out('- **recordOutcome reject:** the note (a human decision, kept beyond property history) and closing the follow-up task are two objects besides the one read and the one write; HubSpot has no batch across object types.');
const paced = latency[0];
const slowImports = imports.filter((r) => r.secondsToAllRouted > 1.3 * Math.max(10, r.floorSeconds));
for (const r of slowImports) {
  const perBatch = Math.round((r.secondsToAllRouted * 1000) / (r.contacts / 100));
  out(
    r.timeScale === 1
      ? `- **The list import within 1.3× max(10 s, the floor), ${r.engine} at HubSpot's pace:** ${r.secondsToAllRouted} s. The last window's calls wait for the rolling window, so the time is about 20.6 s plus the first quarter of the import, when the batches share the process with storing the deliveries. This round shortened that first quarter (the queue's rows a tenth, one step record a batch, two batches in flight); the row still runs either side of its bound: in alternating runs, 26.3-27.3 s for the code this round started from and 25.2-26.2 s for this round's, with one run of 27.3 s.`
      : `- **The list import within 1.3× max(10 s, the floor), ${r.engine} at ${r.timeScale}× time:** ${r.secondsToAllRouted} s, ${perBatch} ms a batch of 100 where the limit does not bind: the reads, decisions, ledger statements and HubSpot writes of two batches at a time, and the deliveries' storing, in the same process${r.engine === 'pglite' ? ", and the embedded database on a thread of its own: the import's statements, replayed on a fresh PGlite, take about 59 ms a batch (the batch's commit, about 750 KB of JSON, 21-22 ms, and 20.5-20.9 ms in the same replay once PGlite was sent text and JSON parameters in PostgreSQL's binary format, which spares its JavaScript two passes over every character; the one step record 8 ms; the work queue's take, store and settle 7 ms; the account probe 5 ms; the load 4 ms), against 73 ms on the code this round started from (two step records, 14 ms; one queue row an event, 17.5 ms). Two batches in flight, which gained nothing while the queue's and the step records' work was larger, now overlap one's HubSpot calls with the other's statements: 13.8-13.9 s against 15.6-16.8 s with one. What is left is processor time on a machine of 2 cores shared with HubSpot's side and the sender (the fake's answers to a batch's four calls in sequence, Handoff's JavaScript, PGlite, and garbage collection on V8's helper threads, about 4.5 s of processor time in a run), and on this day the same run varied by a quarter from one try to the next" : ''}.`,
  );
}
/**
 * What a burst's processor time, in all three processes, says of its wall time: on this machine's
 * cores no order of that work ends sooner than the total over the cores, even with no process ever
 * waiting for another; and how far the work must fall before 1.3 windows could be met.
 */
function burstFloors(rows: readonly (BurstResult & { engine: string })[]): string {
  const cores = cpus().length;
  const parts = rows.map((b) => {
    const total = Math.round((b.cpuSeconds + b.hubspotCpuSeconds + (b.databaseCpuSeconds ?? 0)) * 100) / 100;
    const floor = Math.round((total / cores) * 100) / 100;
    const bound = windowBound(b);
    const onPostgres = b.databaseCpuSeconds !== undefined;
    const sum = [`Handoff's process ${b.cpuSeconds} s${onPostgres ? '' : " (PGlite's engine on a thread of it)"}`, `HubSpot's side ${b.hubspotCpuSeconds} s`, ...(onPostgres ? [`PostgreSQL ${b.databaseCpuSeconds} s`] : [])].join(' + ');
    const verdict = floor > bound ? `above the bound of ${bound} s: the work would have to fall by at least ${Math.ceil((1 - bound / floor) * 100)} % in all before any schedule could meet it` : `under the bound of ${bound} s: the rest is the waits of the closed loop`;
    return `on ${b.engine}, ${sum} = ${total} s, so at least ${floor} s on ${cores} cores, ${verdict}`;
  });
  return `The processor time the burst took, in the three processes together, and the least wall time it allows even if no process ever waited for another: ${parts.join('; ')}. In practice more than that, since a batch's stages wait on one another in turn (a system-wide perf sample of one PostgreSQL run at 10× time found both cores idle a quarter of the burst, and each process's own profile shows it waiting on the next).`;
}
const fastBursts = unbound.filter((b) => b.timeScale !== 1 && b.seconds > windowBound(b));
if (fastBursts.length) out(`- **The ${burstSize.toLocaleString('en-IE')}-lead burst at 10× time (section 5):** ${fastBursts.map((b) => `${b.seconds} s on ${b.engine}`).join(', ')}, against a window of 1 s; its calls fit in one window, so the limit would allow them at once. ${burstFloors(fastBursts)} With 50 deliveries in flight, each waiting for its answer, a burst is 20-23 batches one after another, each about 100 ms on PostgreSQL: 1.3 s would need about 60 ms. Every stage of a batch is on that one path, and each is a few milliseconds of processor time in one of three processes sharing ${cpus().length} cores (Handoff's, PostgreSQL's, HubSpot's side), so a shorter batch needs less processor time a lead everywhere, not one fix. Tried in an earlier round and not kept: answering BLOCK past 20 deliveries waiting and completing them by callback in batches of 100 (two in flight) halved the row with 150-ms answers (PostgreSQL 12.2 → 6.9 s, PGlite 12.9 → 6.8 s) but did not move PostgreSQL at 10× time (1.7-1.9 s) and slowed PGlite (2.9-3.1 s: its one connection carries the work queue's statements too), and it made each held enrolment wait for its callback (answers' p99 about 6 s).`);
if (paced && (paced.p95Corrected ?? paced.p95) >= 250) out(`- **Handler latency (p95 < 250 ms):** p95 is ${paced.p95Corrected ?? paced.p95} ms with waiting requests counted: the handler's ${routeLeadCalls} HubSpot calls in sequence but for the company read.`);

if (!smoke) writeFileSync(resolve(root, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
