import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { seedDemoPortal } from '../../src/fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';
import { spawn } from 'node:child_process';
import { cli } from '../support/cliHarness.js';
import { ROOT } from '../support/policyFixtures.js';

const NOW = '2026-11-25T12:00:00Z';

function spawnAsync(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('handoff audit (CLI) against a seeded portal over HTTP', () => {
  let fake: FakeHubSpot;
  let running: RunningFake;
  const run = (...args: string[]) => cli(['audit', '--hubspot-url', running.url, ...args], { now: NOW, env: { HUBSPOT_ACCESS_TOKEN: 'pat-audit' } });

  beforeAll(async () => {
    fake = createFakeHubSpot({ rateLimits: false, now: () => Date.parse(NOW) });
    seedDemoPortal(fake.store, { seed: 7, now: Date.parse(NOW), contacts: 200, companies: 30 });
    running = await serveFakeHubSpot(fake);
  });
  afterAll(() => running.close());

  it('prints a readable summary, naming what it cannot know', async () => {
    const r = await run('--period', 'last-90-days');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe("Handoff audit, last 90 days (inferred from HubSpot's standard properties: this portal does not use Handoff)");
    expect(r.out).toMatch(/MQL → SQL → opportunity → customer: \d+ → \d+ \(\d+(\.\d)?%\)/);
    expect(r.out).toContain('SLA compliance: there was no agreed SLA clock');
  });

  it('the installed binary writes --html from any directory, as under npx (chart.js resolved from the package, not the caller)', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'handoff-npx-'));
    const file = join(elsewhere, 'audit.html');
    // npx runs a shim outside the package (process.argv[1] is not under it): chart.js was resolved from there and not found.
    const shim = join(elsewhere, 'handoff-shim.mjs');
    writeFileSync(shim, `await import(${JSON.stringify(pathToFileURL(join(ROOT, 'bin/handoff.mjs')).href)});\n`);
    // Spawned asynchronously: the fake HubSpot it reads runs in this process.
    const r = await spawnAsync(process.execPath, [shim, 'audit', '--period', 'last-90-days', '--hubspot-url', running.url, '--policy', join(ROOT, 'handoff.policy.yaml'), '--html', file, '--at', NOW], { cwd: elsewhere, env: { ...process.env, HUBSPOT_ACCESS_TOKEN: 'pat-audit', HANDOFF_PACKAGE_ROOT: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<canvas id="funnel"');
  });

  it('--json gives the numbers, and --html a self-contained report with its charts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-audit-')), 'audit.html');
    const r = await run('--period', 'last-90-days', '--json', '--html', file);
    const json = JSON.parse(r.out) as { mode: string; funnel: { mql: number } };
    expect(json.mode).toBe('inferred');
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<canvas id="funnel"');
    expect(html).toContain('Chart.js v4'); // the library is inlined: the file needs no network
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain(`"data":[${json.funnel.mql},`);
  });

  it('names a period it cannot read', async () => {
    const r = await run('--period', 'Q9');
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('period "Q9" is not this-quarter') });
  });
});
