import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli } from '../support/cliHarness.js';
import { ROOT, policyWith } from '../support/policyFixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'handoff-cli-'));
const write = (name: string, content: string) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

describe('handoff validate-policy', () => {
  it('exits 0 with a one-line summary for the default policy, and names each approval given for an earlier version', async () => {
    const r = await cli(['validate-policy']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'handoff.policy.yaml: policy "Default handoff policy for an Irish/UK B2B company" version 2026.12.2 is valid: 3 teams, 9 sales people, 3 routing rules, 2 SLA tiers, 9 rejection reasons, 4 escalation steps',
      '  approval to renew: Head of Sales (Siobhán Byrne) signed off version 2026.11.1, not 2026.12.2',
      '  approval to renew: Head of Marketing (Gráinne Walsh) signed off version 2026.11.1, not 2026.12.2',
    ]);
  });

  it('exits 1 and prints every error with its path', async () => {
    const file = write('bad.yaml', stringify(policyWith((p) => {
      p.routing.rules[1].team = 'emea';
      p.teams[0].timeZone = 'Dublin';
    })));
    const r = await cli(['validate-policy', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.yaml: 1 error');
    expect(r.err).toContain('  teams[0].timeZone: is not an IANA time zone (e.g. Europe/Dublin, Europe/London) (got "Dublin")');
    // cross-references are only checked once the shape is right, so the shape error comes alone first
    const fixed = write('bad2.yaml', stringify(policyWith((p) => { p.routing.rules[1].team = 'emea'; })));
    const r2 = await cli(['validate-policy', fixed]);
    expect(r2.err).toContain('  routing.rules[1].team: "emea" is not a team in teams[]');
  });

  it('names a file that does not exist', async () => {
    const r = await cli(['validate-policy', 'nope.yaml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\(file\): cannot read .*nope\.yaml: ENOENT/);
  });
});

describe('handoff qualify', () => {
  it('prints the stage and every reason', async () => {
    const r = await cli(['qualify', '--lead', 'examples/lead-mql.json', '--now', '2026-11-25T10:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^stage: MQL \(policy 2026\.12\.2\)\nMQL: every fit criterion met/);
    expect(r.out).toContain('  ✓ Fit (ideal customer profile) › Company has 10 or more employees: saw 120, needs 10 or more');
    expect(r.out).toContain('  · Engagement (buying signal) › HubSpot score is 60 or more: saw 35, needs 60 or more');
  });

  it('accepts inline JSON in HubSpot record shape, and --json', async () => {
    const lead = JSON.stringify({ id: '51', properties: { email: 'a@gmail.com', country: 'Ireland' }, company: { properties: { numberofemployees: '50' } } });
    const r = await cli(['qualify', '--lead', lead, '--json']);
    expect(r.code).toBe(0);
    const q = JSON.parse(r.out);
    expect(q.stage).toBe('disqualified');
    expect(q.disqualifiedBy[0].id).toBe('personal-email');
    expect(q.met.map((m: { id: string }) => m.id)).toContain('company-size');
  });

  it('explains bad input by naming the option and the value', async () => {
    expect(await cli(['qualify', '--lead', '{not json'])).toMatchObject({ code: 1, err: expect.stringMatching(/^--lead: not valid JSON/) });
    expect(await cli(['qualify', '--lead', 'missing.json'])).toMatchObject({ code: 1, err: '--lead: "missing.json" is neither inline JSON nor a file that exists' });
    expect(await cli(['qualify', '--lead', '{"contact": {"x": [1]}}'])).toMatchObject({ code: 1, err: expect.stringMatching(/^lead contact\.x: /) });
    expect(await cli(['qualify', '--lead', 'examples/lead-mql.json', '--now', 'yesterday'])).toMatchObject({
      code: 1,
      err: '--now: "yesterday" is not an ISO-8601 instant with a time zone (e.g. 2027-03-18T09:30:00Z)',
    });
    expect((await cli(['qualify'])).code).toBe(1);
  });
});

describe('the installed binary', () => {
  it('`npx handoff` runs the TypeScript CLI with no build step', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'validate-policy'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toMatch(/version 2026\.12\.2 is valid/);
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'validate-policy', 'nope.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });
});
