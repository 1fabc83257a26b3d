/**
 * A UK portal end to end: `handoff start` with a portal whose company currency is GBP and whose
 * time zone is Europe/London, in Chromium. The home page's pipeline, the deal card's amount and
 * the policy page read in the portal's own terms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startPortalProcess, type PortalProcess } from '../support/portalProcess.js';

jest.setTimeout(180_000);

let portal: PortalProcess;
let browser: Browser;
let page: Page;
const dataDir = mkdtempSync(join(tmpdir(), 'handoff-uk-portal-'));
const text = (testId: string) => page.getByTestId(testId).first().innerText();

beforeAll(async () => {
  portal = await startPortalProcess(['--reset', '--data', dataDir, '--contacts', '320', '--portal-id', '44100200', '--currency', 'GBP', '--time-zone', 'Europe/London']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a UK portal in the local portal', () => {
  it("the managers' home page values the period's pipeline in pounds", async () => {
    await page.goto(`${portal.url}/#/home`);
    await page.getByTestId('funnel').first().waitFor();
    const funnel = await text('funnel');
    expect(funnel).toMatch(/Pipeline from these MQLs \(\d+ of \d+ deals with an amount\)\s*£[\d,]+/);
    expect(funnel).not.toContain('€');
    await page.screenshot({ path: join(ROOT, 'docs/uk-portal-home.png'), fullPage: true });
  });

  it("a deal's origin card shows its amount in pounds", async () => {
    const { deals } = (await (await fetch(`${portal.url}/workbench/api/deals`)).json()) as { deals: { id: string; amount: string }[] };
    const priced = deals.find((d) => d.amount.startsWith('£'));
    expect(priced).toBeDefined();
    await page.goto(`${portal.url}/#/deal/${priced!.id}`);
    await page.getByTestId('deal-amount').first().waitFor();
    expect(await text('deal-amount')).toMatch(/^£[\d,]+ of pipeline from/);
    await page.screenshot({ path: join(ROOT, 'docs/uk-portal-deal.png'), fullPage: true });
  });

  it('the policy page names the portal, its currency and time zone', async () => {
    await page.goto(`${portal.url}/#/home/policy`);
    await page.getByTestId('policy-portal').first().waitFor();
    expect(await text('policy-portal')).toBe('HubSpot portal 44100200, a production account: money in GBP, times in Europe/London.');
  });
});
