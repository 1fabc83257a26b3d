import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startPortalProcess, type PortalProcess } from '../support/portalProcess.js';

// The default demo portal (2,000 leads over 200 days, outcomes drawn from the stated model in
// src/portal/outcomeModel.ts) and its "Handoff policy" page: the Evidence section shows every
// verdict, and the Preview the proposed version (examples/proposed.policy.yaml). Seeding the
// default portal takes minutes: this file starts it once.
const dataDir = mkdtempSync(join(tmpdir(), 'handoff-evidence-portal-'));
let portal: PortalProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  portal = await startPortalProcess(['--reset', '--data', dataDir], 900_000);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${portal.url}/#/home/policy`);
  await page.getByTestId('viewer').selectOption('siobhan.byrne@example.ie');
}, 960_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What people could read that is an internal value: criterion keys, verdict codes, team ids, HubSpot option values. */
const INTERNAL = /demo-request|lead-score|page-views|recent-conversion|company-size|job-title|engaged-this-month|no-evidence|no-contrast|too-few|\bhelps\b|\bhurts\b|ie-sales|uk-sales|ORGANIC_SEARCH|PAID_SEARCH|undefined|NaN|\[object/;

describe('the Handoff policy page, on the demo history', () => {
  it('Evidence: every criterion with its counts, intervals and verdict; each verdict appears; the limits in words', async () => {
    const section = page.getByTestId('policy-evidence');
    await section.waitFor({ timeout: 60_000 });
    const words = await section.innerText();
    expect(words).toMatch(/MQLs of the last 182 days, judged as recorded when each was routed: \d+ decided by sales/);
    for (const verdict of ['Goes with acceptance', 'Goes with rejection', 'No clear difference', 'Too few leads to tell', 'History cannot tell (no contrast)']) expect(words).toContain(verdict);
    const row = (label: string) => page.evaluate(`[...document.querySelectorAll('[data-testid="evidence-criteria"] tbody tr')].map((tr) => tr.innerText).find((t) => t.startsWith(${JSON.stringify(label)})) ?? ''`) as Promise<string>;
    await expect(row('Asked for a demo or to talk to sales')).resolves.toMatch(/\d+ leads: \d+% accepted.*Goes with acceptance/s);
    await expect(row('HubSpot score is 60 or more')).resolves.toMatch(/Goes with rejection/);
    await expect(row('Converted in the last 30 days')).resolves.toMatch(/Too few leads to tell/);
    expect(words).toContain('it can support tightening the definition, not loosening it');
    expect(words).not.toMatch(INTERNAL);
    await section.screenshot({ path: join(ROOT, 'docs/policy-evidence.png') });
  });

  it('Preview: the proposed version against the signed-off one on the portal\'s own leads, the changes in words, owners and SLA load', async () => {
    const section = page.getByTestId('policy-preview');
    await section.waitFor({ timeout: 120_000 });
    const words = await section.innerText();
    expect(words).toContain('Preview: proposed 2027.1.1 against 2026.12.2');
    expect(words).toMatch(/drops "HubSpot score is 60 or more": \d+ fewer MQLs, of which \d+ (was|were) accepted and (1 became an opportunity|\d+ became opportunities)/);
    expect(words).toMatch(/changes "Company has 10 or more employees" to "Company has 20 or more employees"/);
    expect(await page.getByTestId('preview-owners').innerText()).toMatch(/Rory Campbell\s+Enterprise \(250\+ employees\)/);
    expect(await page.getByTestId('preview-teams').innerText()).toMatch(/UK \(England and Wales\)/);
    expect(words).not.toMatch(INTERNAL);
    await section.screenshot({ path: join(ROOT, 'docs/policy-preview.png') });
  });
});
