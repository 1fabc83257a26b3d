import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LivePolicy } from '../../src/handlers/agreement/livePolicy.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import { cli } from '../support/cliHarness.js';
import { DEFAULT_POLICY_PATH, defaultPolicy } from '../support/policyFixtures.js';

// `handoff propose`, `handoff policy status` and `handoff policy export` on a ledger a server ran
// on: refused with every issue, stored for the approvers, listed with who must approve, and the
// active version written back as its own text.
const FILE = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
let dir: string;
let env: Record<string, string>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'handoff-cli-agreement-'));
  env = { HANDOFF_DATA_DIR: join(dir, 'ledger') };
  // As a server's first start leaves it: the portal claimed, the policy file active.
  const ledger = await openLedger({ dataDir: env.HANDOFF_DATA_DIR! });
  await ledger.claimPortal({ id: '24681357', type: 'STANDARD', timeZone: 'Europe/Dublin', currency: 'EUR' });
  await LivePolicy.open({ ledger, file: { policy: defaultPolicy(), source: FILE, name: 'handoff.policy.yaml' }, now: () => new Date('2026-11-25T09:00:00Z') });
  await ledger.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the agreement from a terminal', () => {
  it('proposes a valid change, lists it with its approvers, and exports the active version as it was written', async () => {
    const next = join(dir, 'next.policy.yaml');
    writeFileSync(next, FILE.replace(/^version: "2026\.12\.2"/m, 'version: "2027.1.1"').replace('atRiskPercent: 75', 'atRiskPercent: 60'));
    const proposed = await cli(['propose', 'next.policy.yaml', '--by', 'Marketing ops'], { env, cwd: dir });
    expect(proposed.err).toBe('');
    expect(proposed.code).toBe(0);
    expect(proposed.out.split('\n')[0]).toBe('Proposed version 2027.1.1 ("Default handoff policy for an Irish/UK B2B company") on top of 2026.12.2.');

    const status = await cli(['policy', 'status'], { env, cwd: dir });
    expect(status.code).toBe(0);
    expect(status.out).toContain('Active: version 2026.12.2 ("Default handoff policy for an Irish/UK B2B company"), started from the policy file handoff.policy.yaml, 2026-11-25T09:00:00.000Z');
    expect(status.out).toContain('Proposal 1: version 2027.1.1 ("Default handoff policy for an Irish/UK B2B company") on 2026.12.2, by Marketing ops: Waiting for approval');
    expect(status.out).toContain('  Siobhán Byrne (Head of Sales): Not yet');
    const json = JSON.parse((await cli(['policy', 'status', '--json'], { env, cwd: dir })).out) as { proposals: { version: string; approvers: { name: string }[] }[] };
    expect(json.proposals[0]!.approvers.map((a) => a.name)).toEqual(['Siobhán Byrne', 'Gráinne Walsh']);

    const exported = await cli(['policy', 'export', '--out', 'active.policy.yaml'], { env, cwd: dir });
    expect(exported.out).toBe('Wrote version 2026.12.2 to active.policy.yaml');
    expect(readFileSync(join(dir, 'active.policy.yaml'), 'utf8')).toBe(FILE);
  });

  it('refuses a file that is not a valid policy with every error, and stores nothing', async () => {
    const broken = join(dir, 'broken.policy.yaml');
    writeFileSync(broken, FILE.replace(/^version: "2026\.12\.2"/m, 'version: "2027.1.1"').replace('atRiskPercent: 75', 'atRiskPercent: 150').replace('lookbackDays: 30', 'lookbackDays: -3'));
    const r = await cli(['propose', 'broken.policy.yaml'], { env, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^broken\.policy\.yaml is not a valid policy \(2 errors\): /);
    expect(r.err).toContain('atRiskPercent');
    expect(r.err).toContain('lookbackDays');
    expect((await cli(['policy', 'status'], { env, cwd: dir })).out).toContain('No proposals.');
  });
});
