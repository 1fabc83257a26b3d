/**
 * Changing the agreement inside HubSpot, in Chromium on the local portal: a change proposed from
 * the CLI, both approvers approving on the "Handoff policy" page as the signed-in users, the next
 * routing under the new version; a rep who cannot approve; the demo's other proposal, made on the
 * old version, shown stale and refused. And a manager marking a rep out of office.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LOCAL_PORTAL_CLIENT_SECRET } from '../../src/portal/localPortal.js';
import { launchChromium, ROOT, startPortalProcess, type PortalProcess } from '../support/portalProcess.js';

jest.setTimeout(240_000);

const dataDir = mkdtempSync(join(tmpdir(), 'handoff-agreement-portal-'));
let portal: PortalProcess;
let browser: Browser;
let page: Page;
let pageErrors = '';

const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await fetch(`${portal.url}${path}`, init)).json() as Promise<T>;
/** The proposal card that names this version. */
const proposalOf = (version: string) => page.getByTestId('proposal').filter({ hasText: `Version ${version}:` });

beforeAll(async () => {
  portal = await startPortalProcess(['--reset', '--data', dataDir, '--contacts', '120'], 200_000);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on('pageerror', (e) => (pageErrors += `\npage error: ${e.message}`));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  expect(pageErrors).toBe('');
});

async function signInAs(email: string) {
  await page.goto(`${portal.url}/#/home/policy`);
  await page.getByTestId('viewer').selectOption(email);
  await page.getByTestId('policy-proposals').waitFor({ timeout: 30_000 });
}

describe('a change of the policy, agreed on the policy page', () => {
  it('is proposed from the CLI, read-only for a rep, approved by both approvers, and the next routing runs under it', async () => {
    // A change marketing ops want: the standard tier's first touch from 8 business hours to 6.
    const file = join(dataDir, 'next.policy.yaml');
    writeFileSync(file, readFileSync(join(ROOT, 'handoff.policy.yaml'), 'utf8').replace(/^version: "2026\.12\.2"/m, 'version: "2027.2.1"').replace('name: ', 'name: Faster first touch - ').replace('firstTouchBusinessHours: 8', 'firstTouchBusinessHours: 6'));
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'propose', file, '--server', portal.url, '--by', 'Marketing ops'], { cwd: ROOT, env: { ...process.env, HUBSPOT_CLIENT_SECRET: LOCAL_PORTAL_CLIENT_SECRET }, encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('Proposed version 2027.2.1');
    expect(cli.stdout).toContain('  - Response SLA: no longer "Every other MQL: respond within 8 business hours"\n  - Response SLA: now "Every other MQL: respond within 6 business hours"');

    // A rep reads it, and is told who approves: no buttons.
    await signInAs('ciaran.murphy@example.ie');
    const asRep = proposalOf('2027.2.1');
    await asRep.waitFor();
    expect(await asRep.getByTestId('review-read-only').innerText()).toBe('Ciarán Murphy is not an approver: only Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing) approve changes to the policy. You can read it, its evidence and its preview.');
    expect(await asRep.getByTestId('approve').count()).toBe(0);

    await signInAs('siobhan.byrne@example.ie');
    // With two proposals open, the Preview replays the newest; the other is one click away.
    const heading = (version: string) => page.waitForFunction(`/Preview: proposed ${version.replace(/\./g, '\\.')} against 2026\\.12\\.2/.test(document.querySelector('[data-testid="policy-preview"]')?.textContent ?? '')`, undefined, { timeout: 60_000 });
    await heading('2027.2.1');
    expect(await proposalOf('2027.2.1').getByTestId('proposal-previewed').count()).toBe(1);
    await proposalOf('2027.1.1').getByTestId('proposal-preview').click();
    await heading('2027.1.1');
    await proposalOf('2027.2.1').getByTestId('approve').click();
    await proposalOf('2027.2.1').getByTestId('review-said').waitFor();
    expect(await proposalOf('2027.2.1').getByTestId('review-said').innerText()).toContain('Waiting for Gráinne Walsh (Head of Marketing).');

    await signInAs('grainne.walsh@example.ie');
    await proposalOf('2027.2.1').getByTestId('approve').waitFor();
    await page.getByTestId('policy-proposals').screenshot({ path: join(ROOT, 'docs/policy-proposals.png') });
    await proposalOf('2027.2.1').getByTestId('approve').click();
    await page.waitForFunction(`/Version 2027\\.2\\.1 is active: approved in HubSpot by Siobhán Byrne \\(Head of Sales\\) and Gráinne Walsh \\(Head of Marketing\\)/.test(document.querySelector('[data-testid="policy-active"]')?.textContent ?? '')`, undefined, { timeout: 15_000 });
    // The page reloads the policy it shows once the version is active.
    await page.waitForFunction(`/version 2027\\.2\\.1/.test(document.querySelector('[data-testid="policy-title"]')?.textContent ?? '')`, undefined, { timeout: 15_000 });
    const history = await page.getByTestId('policy-history').innerText();
    expect(history).toContain('2027.2.1: approved in HubSpot by Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing), Wed 25 Nov');
    expect(history.indexOf('2027.2.1: approved')).toBeLessThan(history.indexOf('2026.12.2: started from the policy file handoff.policy.yaml, Wed 25 Nov'));

    // The next lead is routed under 2027.2.1, and stamped with it.
    await page.goto(`${portal.url}/#/new-lead`);
    const fields: Record<string, string> = { firstname: 'Órla', lastname: 'Brennan', email: 'orla.brennan@corkfreight.ie', company: 'Cork Freight', numberofemployees: '60', state: 'Cork', hubspotscore: '70' };
    for (const [name, value] of Object.entries(fields)) await page.getByTestId(`lead-${name}`).fill(value);
    await page.getByTestId('lead-country').selectOption('Ireland');
    await page.getByTestId('lead-conversion').selectOption('Book a demo');
    await page.getByTestId('lead-submit').click();
    await page.waitForURL(/#\/contact\/\d+$/, { timeout: 20_000 });
    const id = page.url().match(/contact\/(\d+)$/)![1]!;
    // HubSpot is told by the outbox, a moment after the routing commits.
    let stamped: string | undefined;
    for (let i = 0; i < 50 && !stamped; i++) {
      stamped = (await json<{ properties: Record<string, string> }>(`/workbench/api/contacts/${id}`)).properties.handoff_policy_version;
      if (!stamped) await new Promise((r) => setTimeout(r, 200));
    }
    expect(stamped).toBe('2027.2.1');
  });

  it('the demo\'s proposal, made on the old version, is stale: it says so, offers no approval, and the server refuses one', async () => {
    await signInAs('siobhan.byrne@example.ie');
    const stale = proposalOf('2027.1.1');
    await stale.waitFor();
    expect(await stale.getByTestId('proposal-status').innerText()).toBe('Stale: made on an older version');
    expect(await stale.getByTestId('review-read-only').count()).toBe(0);
    expect(await stale.getByTestId('proposal-why').innerText()).toBe('Proposed on version 2026.12.2, but 2027.2.1 is active now: it cannot be activated. Propose it again on top of 2027.2.1, so the approvers see the change against what runs.');
    expect(await stale.getByTestId('approve').count()).toBe(0);
    // Its changes read against the version it was proposed on, as its proposer wrote them.
    expect(await stale.getByTestId('proposal-changes').innerText()).toContain('Company has 20 or more employees');
    expect(await stale.getByTestId('proposal-changes').innerText()).not.toContain('business hours');
    // Asked directly, as a crafted request would, the server refuses it.
    const { proposals } = await json<{ proposals: { id: number; version: string }[] }>('/workbench/hubspot-fetch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: '/api/cards/policy-agreement', method: 'POST', body: {}, viewerEmail: 'siobhan.byrne@example.ie' }) });
    const staleId = proposals.find((p) => p.version === '2027.1.1')!.id;
    const refused = await fetch(`${portal.url}/workbench/hubspot-fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: '/api/cards/policy-review', method: 'POST', body: { proposalId: staleId, decision: 'approve' }, viewerEmail: 'siobhan.byrne@example.ie' }) });
    expect(refused.status).toBe(409);
  });

  it('a manager marks a rep of their team out of office from the page', async () => {
    await signInAs('james.carter@example.co.uk');
    const form = page.getByTestId('availability-form');
    await form.getByTestId('availability-person').locator('select').selectOption({ label: 'Tom Evans' });
    await form.getByTestId('availability-from').locator('input').fill('2026-12-01');
    await form.getByTestId('availability-to').locator('input').fill('2027-01-02');
    await form.getByTestId('availability-label').locator('input').fill('Parental leave');
    await form.getByTestId('availability-mark').click();
    await page.getByTestId('availability-said').waitFor();
    expect(await page.getByTestId('availability-said').innerText()).toContain('Tom Evans is out of office Tue 1 Dec to Sat 2 Jan 2027 (Parental leave), set by James Carter');
    await page.waitForFunction(`/Tom Evans out of office Tue 1 Dec to Sat 2 Jan 2027 \\(Parental leave\\), set by James Carter, Wed 25 Nov/.test(document.querySelector('[data-testid="availability-settings"]')?.textContent ?? '')`, undefined, { timeout: 10_000 });
    // James manages the UK team only: the form offers nobody else.
    const offered = await form.getByTestId('availability-person').locator('option').allInnerTexts();
    expect(offered.filter((o) => o !== 'Choose…').sort()).toEqual(['James Carter', 'Priya Shah', 'Tom Evans']);
    await page.getByTestId('availability').screenshot({ path: join(ROOT, 'docs/policy-availability.png') });
  });
});
