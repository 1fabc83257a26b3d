import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { seedDemoPortal } from '../../src/fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';
import { cli } from '../support/cliHarness.js';

const NOW = '2026-11-25T12:00:00Z';

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
