/**
 * `npm run sample:history`: writes examples/handoff-history.csv, a HubSpot contacts export with
 * Handoff's columns: 3,000 leads over two quarters (May to October 2026), judged by the shipped
 * policy, with outcomes drawn from the demo's stated model (src/portal/outcomeModel.ts). Seeded:
 * the same file every run. `handoff evidence --leads` and `handoff preview --leads` read it.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { historyExport, historyExportColumns } from '../src/portal/historyExport.js';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';

const file = process.argv[2] ?? 'examples/handoff-history.csv';
const leads = Number(process.argv[3] ?? 3000);
const policy = loadPolicyFile('handoff.policy.yaml');
if (!policy.ok) throw new Error('handoff.policy.yaml does not validate: run npx handoff validate-policy');
const { rows, truth } = historyExport({ seed: 20260501, leads, from: new Date('2026-05-01T08:00:00Z'), days: 184, policy: policy.value });
writeFileSync(file, stringify(rows, { header: true, columns: historyExportColumns(policy.value) }));
process.stdout.write(`wrote ${file} (${rows.length} leads, ${truth.filter((t) => t.mql).length} MQLs)\n`);
