import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/policyFixtures.js';

/**
 * The HubSpot project is checked offline by HubSpot's own @hubspot/project-parsing-lib
 * (run in a child process: it is an ESM package with its own dependency tree) plus our
 * zod schemas for the component configs HubSpot validates online.
 */
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const SCRIPT = join(ROOT, 'scripts/check-hubspot-project.ts');
const check = (dir: string) => {
  const r = spawnSync(process.execPath, [TSX, SCRIPT, dir], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, ...(JSON.parse(r.stdout) as { components: { uid: string; type: string }[]; problems: string[] }) };
};

function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-hsproject-'));
  cpSync(join(ROOT, 'hsproject.json'), join(dir, 'hsproject.json'));
  cpSync(join(ROOT, 'src/app'), join(dir, 'src/app'), { recursive: true, filter: (s) => !s.includes('node_modules') });
  edit(dir);
  return dir;
}
const editJson = (file: string, change: (j: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const j = JSON.parse(readFileSync(file, 'utf8'));
  change(j);
  writeFileSync(file, JSON.stringify(j));
};

describe('HubSpot project config (offline)', () => {
  it('this project parses with HubSpot\'s parser on platform 2026.09 with no problems', () => {
    const r = check(ROOT);
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.components).toEqual(expect.arrayContaining([{ uid: 'handoff_app', type: 'app', file: 'app/app-hsmeta.json' }]));
  });

  it('is a static-auth private app (its scopes are derived from its calls in test/reliability/security.int.test.ts)', () => {
    const app = JSON.parse(readFileSync(join(ROOT, 'src/app/app-hsmeta.json'), 'utf8'));
    expect(app.config.auth.type).toBe('static');
    expect(app.config.distribution).toBe('private');
  });

  it('rejects a sunset platform version', () => {
    const dir = brokenCopy((d) => editJson(join(d, 'hsproject.json'), (j) => { j.platformVersion = '2025.1'; }));
    expect(check(dir).problems).toContain('hsproject.json: platformVersion 2025.1 is not the platform Handoff targets (2026.09, GA; 2026.03 is only "Supported" until about September 2027)');
  });

  it('rejects the superseded 2026.03 platform', () => {
    const dir = brokenCopy((d) => editJson(join(d, 'hsproject.json'), (j) => { j.platformVersion = '2026.03'; }));
    expect(check(dir).problems).toEqual([expect.stringContaining('hsproject.json: platformVersion 2026.03 is not the platform Handoff targets (2026.09')]);
  });

  it('rejects an invalid uid and a config HubSpot would refuse', () => {
    const dir = brokenCopy((d) =>
      editJson(join(d, 'src/app/app-hsmeta.json'), (j) => {
        j.uid = 'handoff app!';
        j.config.auth.requiredScopes = [];
        j.config.permittedUrls.fetch = ['http://insecure.example'];
        j.config.colour = 'blue';
      }),
    );
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.problems.some((p) => p.startsWith('app/app-hsmeta.json: uid "handoff app!"'))).toBe(true);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^app\/app-hsmeta\.json: config\.auth\.requiredScopes: Too small/),
        'app/app-hsmeta.json: config.permittedUrls.fetch[0]: must be an https:// URL (got "http://insecure.example")',
        expect.stringMatching(/^app\/app-hsmeta\.json: config\.colour: unknown key "colour"/),
      ]),
    );
  });

  it('npm run check:project prints the same result', () => {
    const out = execFileSync('npm', ['run', '--silent', 'check:project'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out).problems).toEqual([]);
  });
});
