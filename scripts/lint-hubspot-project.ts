/**
 * `npm run lint:hubspot-project` (CI): assembles the HubSpot project as `npm run deploy` would
 * (into a temporary folder, for a placeholder server URL), which also checks it offline with
 * HubSpot's parser, then runs HubSpot's own linter, `hs project lint`, on its cards and pages
 * with the committed ESLint config (src/hubspot-project/lint/ui-extensions.eslint.config.js). The linter's
 * packages are installed from the npm registry into the temporary project.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { assembleProject } from '../src/deploy/assembleProject.js';
import { loadPolicyFile } from '../src/policy-file/loadPolicyFile.js';

const root = resolve('.');
const policyFile = join(root, 'handoff.policy.yaml');
const policy = loadPolicyFile(policyFile);
if (!policy.ok) throw new Error(`${policyFile} is not a valid policy`);
const outDir = mkdtempSync(join(tmpdir(), 'handoff-hs-lint-'));
let failed: boolean;
try {
  const check = await assembleProject({ root, outDir, publicUrl: 'https://handoff.invalid', policy: policy.value, rawPolicy: parse(readFileSync(policyFile, 'utf8')), cardBackend: 'serverless' });
  process.stdout.write(`offline check (HubSpot's parser, platform ${check.platformVersion}): ${check.components.length} components, ${check.problems.length} problems\n`);
  for (const p of check.problems) process.stdout.write(`  problem: ${p}\n`);
  // Without npm's own variables: `npm run` sets INIT_CWD (which the HubSpot CLI takes for the
  // project's folder) and npm_config_local_prefix, either of which would make the linter work on,
  // and install into, this repository instead of the temporary project.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k)));
  const hs = spawnSync(process.execPath, [join(root, 'node_modules', '@hubspot', 'cli', 'bin', 'hs.js'), 'project', 'lint', '--install-missing-deps'], { cwd: outDir, encoding: 'utf8', env: { ...env, PWD: outDir, FORCE_COLOR: '0' } });
  const out = `${hs.stdout}${hs.stderr}`;
  process.stdout.write(out);
  failed = check.problems.length > 0 || hs.status !== 0 || !/Linting passed in 2 directories/.test(out);
  process.stdout.write(failed ? 'hs project lint: FAILED\n' : 'hs project lint: passed for the cards and the pages\n');
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
