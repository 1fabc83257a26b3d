/**
 * `npm run deploy` step 1: assembles the HubSpot project in .handoff/deploy with the server's
 * public URL from HANDOFF_PUBLIC_URL (never committed), bundles the app functions with the
 * policy, and checks the result offline. Step 2 (`hs project upload`) runs in that folder.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { assembleProject } from '../src/deploy/assembleProject.js';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';
import { issueToString } from '../src/domain/policy/policyIssues.js';

const root = resolve('.');
const policyFile = resolve(process.env.HANDOFF_POLICY ?? 'handoff.policy.yaml');
const publicUrl = process.env.HANDOFF_PUBLIC_URL;
if (!publicUrl) {
  process.stderr.write('HANDOFF_PUBLIC_URL is not set: the https URL where the Handoff server runs (workflow actions and cards call it)\n');
  process.exit(1);
}
const policy = loadPolicyFile(policyFile);
if (!policy.ok) {
  for (const issue of policy.error) process.stderr.write(`${policyFile}: ${issueToString(issue)}\n`);
  process.exit(1);
}
const outDir = resolve(process.env.HANDOFF_DEPLOY_DIR ?? '.handoff/deploy');
const cardBackend = process.env.HANDOFF_CARD_BACKEND === 'fetch' ? 'fetch' : 'serverless';
const check = await assembleProject({ root, outDir, publicUrl, policy: policy.value, rawPolicy: parse(readFileSync(policyFile, 'utf8')), cardBackend }).catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
for (const c of check.components) process.stdout.write(`  ${c.type.padEnd(16)} ${c.uid.padEnd(24)} ${c.file}\n`);
if (check.problems.length) {
  for (const p of check.problems) process.stderr.write(`problem: ${p}\n`);
  process.exit(1);
}
process.stdout.write(`project assembled in ${outDir} for ${publicUrl} (policy ${policy.value.version}); uploading next\n`);
