/**
 * The local portal end to end, as a newcomer uses it: `handoff start` on a free port with a fresh
 * store, then Debian's Chromium (playwright-core, no browser download) driving the workbench and
 * the real cards. Run by `npm run test:e2e` (CI installs chromium with apt-get).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, startPortalProcess, type PortalProcess } from '../support/portalProcess.js';

jest.setTimeout(180_000);

let portal: PortalProcess;
let url: string;
let pageErrors = '';
/** What the portal printed, and any error the page threw. */
const output = () => `${portal.output()}${pageErrors}`;
let browser: Browser;
let page: Page;
const dataDir = mkdtempSync(join(tmpdir(), 'handoff-portal-'));

interface Person {
  ownerId: string;
  name: string;
  email: string;
}
interface Truth {
  contactId: string;
  mqlAt: number;
  routed: boolean;
  acceptedAt?: number;
  convertedAt?: number;
}

const json = async <T>(path: string): Promise<T> => (await fetch(`${url}${path}`)).json() as Promise<T>;
const text = (testId: string) => page.getByTestId(testId).first().innerText();
/** Waits until an element's text matches (the card reloads its state after an action). */
// Page-side code is passed as strings: this file is type-checked for Node, without the DOM library.
const shows = (testId: string, pattern: RegExp) =>
  page.waitForFunction(`${pattern}.test(document.querySelector('[data-testid="${testId}"]')?.textContent ?? '')`, undefined, { timeout: 10_000 });

beforeAll(async () => {
  portal = await startPortalProcess(['--reset', '--data', dataDir, '--contacts', '320']);
  url = portal.url;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on('pageerror', (e) => {
    pageErrors += `\npage error: ${e.message}`;
  });
});

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
  expect(output()).toContain('Stopped.');
  rmSync(dataDir, { recursive: true, force: true });
});

async function newLead(fields: Record<string, string>): Promise<string> {
  await page.goto(`${url}/#/new-lead`);
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'country' || name === 'recent_conversion_event_name') await page.getByTestId(name === 'country' ? 'lead-country' : 'lead-conversion').selectOption(value);
    else await page.getByTestId(`lead-${name}`).fill(value);
  }
  await page.getByTestId('lead-submit').click();
  await page.waitForURL(/#\/contact\/\d+$/, { timeout: 20_000 });
  return page.url().match(/contact\/(\d+)$/)![1]!;
}

async function signInAsOwnerOf(contactId: string): Promise<Person> {
  const contact = await json<{ properties: Record<string, string> }>(`/workbench/api/contacts/${contactId}`);
  const state = await json<{ people: Person[] }>('/workbench/api/state');
  const owner = state.people.find((p) => p.ownerId === contact.properties.hubspot_owner_id)!;
  await page.getByTestId('viewer').selectOption(owner.email);
  return owner;
}

describe('the local portal in Chromium', () => {
  it('starts with a seeded demo portal and lists its contacts', async () => {
    expect(output()).toMatch(/Seeded a demo portal in [\d.]+ s: 320 contacts, 40 companies/);
    await page.goto(`${url}/#/contacts`);
    await expect(text('contacts-total')).resolves.toBe('320 contacts');
    await page.getByTestId('filter-stage').selectOption('converted');
    await expect(text('contacts-total')).resolves.toMatch(/^[1-9]\d* contacts$/);
  });

  it('routes a qualifying inbound lead: an owner, the reason, and a running SLA on the real contact card', async () => {
    const id = await newLead({ firstname: 'Órla', lastname: 'Kinsella', email: 'orla.kinsella@kinsalerobotics.ie', company: 'Kinsale Robotics', numberofemployees: '60', country: 'Ireland', state: 'Cork', recent_conversion_event_name: 'Book a demo', hubspotscore: '70' });
    await expect(text('stage')).resolves.toBe('Routed (awaiting sales)');
    await expect(text('owner-name')).resolves.not.toBe('');
    await expect(text('routing-explanation')).resolves.toMatch(/by rule/);
    await expect(text('sla-status')).resolves.toMatch(/On track|At risk/);
    await expect(text('sla-remaining')).resolves.toMatch(/left/);
    await expect(text('prop-handoff_stage')).resolves.toBe('Routed (awaiting sales)');
    await page.screenshot({ path: join(ROOT, 'docs/portal-contact-card.png'), fullPage: true });

    // The owner accepts it from the card: properties and history change.
    await signInAsOwnerOf(id);
    await page.getByTestId('action-accept').click();
    await page.getByTestId('confirm').click();
    await page.getByText('Accepted (SQL)', { exact: false }).first().waitFor();
    await shows('prop-handoff_stage', /^Accepted \(SQL\)$/);
    await expect(text('prop-lifecyclestage')).resolves.toBe('Sales Qualified Lead');
    await shows('history-0', /Accepted/);
  });

  it('mirrors a routed lead as a Lead in the prospecting workspace; moving it to Connected meets the SLA, Qualified accepts', async () => {
    const id = await newLead({ firstname: 'Sorcha', lastname: 'Daly', email: 'sorcha.daly@galwaymarine.ie', company: 'Galway Marine', numberofemployees: '90', country: 'Ireland', state: 'Galway', recent_conversion_event_name: 'Book a demo', hubspotscore: '75' });
    await expect(text('lead-name')).resolves.toBe('Sorcha Daly');
    await expect(text('lead-stage')).resolves.toBe('New');
    await expect(text('lead-owner')).resolves.toBe(await text('owner-name'));
    await page.getByTestId('lead-move-connected').click();
    await shows('lead-stage', /^Connected$/);
    await shows('sla-status', /Met/);
    await page.getByTestId('lead-move-qualified').click();
    await shows('prop-handoff_stage', /^Accepted \(SQL\)$/);
    await expect(text('lead-stage')).resolves.toBe('Qualified');
    await shows('stage', /^Accepted \(SQL\)$/); // the card, reloaded
    await page.screenshot({ path: join(ROOT, 'docs/portal-lead.png'), fullPage: true });
    // The contact's record and the demo history carry Leads too: every routed demo contact has one.
    const contact = await json<{ leads: { stage: string }[] }>(`/workbench/api/contacts/${id}`);
    expect(contact.leads).toEqual([expect.objectContaining({ stage: 'Qualified' })]);
  });

  it('shows the signed-off policy in words on the "Handoff policy" app page, and the server\'s state to an admin', async () => {
    await page.goto(`${url}/#/home/policy`);
    // As the portal's admin (Siobhán Byrne, Head of Sales): earlier tests signed in as reps.
    await page.getByTestId('viewer').selectOption('siobhan.byrne@example.ie');
    await page.getByTestId('policy-title').first().waitFor({ timeout: 20_000 });
    await expect(text('policy-title')).resolves.toBe('Default handoff policy for an Irish/UK B2B company, version 2026.12.2');
    expect(await page.getByTestId('policy-section').count()).toBe(8);
    await expect(text('policy-admin')).resolves.toMatch(/Handoff server[\s\S]*Ledger[\s\S]*Parked jobs/);
    const words = await page.getByTestId('home-page').innerText();
    expect(words).toContain('Each handoff is mirrored as a Lead in Lead pipeline');
    expect(words).toContain("A lead's company is the one HubSpot associates it with");
    expect(await text('policy-portal')).toBe('HubSpot portal 24681357, a production account: money in EUR, times in Europe/Dublin.');
    expect(words).not.toMatch(/lead-pipeline-id|NOT_A_FIT|ie-sales/);
    await page.screenshot({ path: join(ROOT, 'docs/portal-policy.png'), fullPage: true });
    await page.getByTestId('to-health').click();
    await page.getByTestId('funnel').first().waitFor({ timeout: 20_000 });
  });

  it('rejects another lead with a reason; someone who does not own it cannot', async () => {
    const id = await newLead({ firstname: 'Gareth', lastname: 'Pryce', email: 'gareth.pryce@cardiffledger.co.uk', company: 'Cardiff Ledger', numberofemployees: '40', country: 'United Kingdom', state: 'Wales', recent_conversion_event_name: 'Pricing page enquiry', hubspotscore: '80' });
    await page.getByTestId('viewer').selectOption('grainne.walsh@example.ie');
    await page.getByTestId('actions-disabled').first().waitFor();
    await expect(text('actions-disabled')).resolves.toMatch(/owner/i);
    await expect(page.getByTestId('action-reject').isDisabled()).resolves.toBe(true);
    await signInAsOwnerOf(id);
    await page.getByTestId('action-reject').click();
    await page.getByTestId('confirm').click();
    await expect(text('reject-reason')).resolves.toMatch(/A rejection needs one of the agreed reasons/);
    await page.locator('[data-testid="reject-reason"] select').selectOption('not-a-fit');
    await page.locator('[data-testid="outcome-note"] textarea').fill('Bookkeeping firm, not a software buyer.');
    await page.getByTestId('confirm').click();
    await shows('prop-handoff_rejection_reason', /^Not a fit for our product$/);
    await expect(text('prop-handoff_stage')).resolves.toBe('Rejected');
    await shows('history-0', /Rejected/);
    await shows('stage', /Rejected/);
  });

  it('moves the clock past an SLA: the lead is breached and the manager is told', async () => {
    const id = await newLead({ firstname: 'Tadhg', lastname: 'Ó Súilleabháin', email: 'tadhg@galwaymedtech.ie', company: 'Galway Medtech', numberofemployees: '120', country: 'Ireland', state: 'Galway', recent_conversion_event_name: 'Contact sales', hubspotscore: '65' });
    for (let i = 0; i < 8; i++) {
      const status = await text('prop-handoff_sla_status');
      if (status === 'Breached (no response yet)' && (await text('prop-handoff_escalations')).includes('Tell the team manager')) break;
      await page.getByTestId('advance-next').click();
      await page.getByTestId('clock-events').waitFor();
      await page.waitForTimeout(300);
    }
    await expect(text('prop-handoff_sla_status')).resolves.toBe('Breached (no response yet)');
    await expect(text('prop-handoff_escalations')).resolves.toMatch(/Tell the team manager/);
    await expect(text('sla-status')).resolves.toMatch(/Breached/);
    await expect(text('clock-events')).resolves.toMatch(/Tadhg Ó Súilleabháin: /);
    void id;
  });

  it("shows last quarter's funnel on the managers' home page, equal to what the demo history did", async () => {
    const { handoffs } = await json<{ handoffs: Truth[] }>('/workbench/api/truth');
    const from = Date.parse('2026-06-30T23:00:00Z'); // 1 July 2026, 00:00 in Dublin
    const to = Date.parse('2026-09-30T23:00:00Z');
    const cohort = handoffs.filter((h) => h.routed && h.mqlAt >= from && h.mqlAt < to);
    const sql = cohort.filter((h) => h.acceptedAt !== undefined).length;
    const opp = cohort.filter((h) => h.convertedAt !== undefined).length;
    expect(cohort.length).toBeGreaterThan(20);

    await page.getByTestId('nav-home').click();
    await page.locator('[data-testid="period"] select').selectOption('last-quarter');
    await page.getByTestId('funnel').waitFor();
    await shows('funnel', /MQLs/);
    const stats = await page.locator('[data-testid="funnel"] .hs-statistic').allInnerTexts();
    const number = (label: RegExp) => Number(stats.find((s) => label.test(s))!.split('\n').at(-1));
    expect(number(/^MQLs/)).toBe(cohort.length);
    expect(number(/^SQLs/)).toBe(sql);
    expect(number(/^Opportunities/)).toBe(opp);
    await page.waitForFunction('document.querySelectorAll("canvas").length >= 2');
    await page.screenshot({ path: join(ROOT, 'docs/portal-home.png'), fullPage: true });
  });

  it('per owner, the home page and `handoff audit` agree for last quarter; no lead was reassigned past the limit; no 0-minute median without its reason', async () => {
    const { now } = await json<{ now: string }>('/workbench/api/state');
    const hubspotUrl = output().match(/fake HubSpot API at (http:\/\/\S+)/)![1]!;
    const audit = (period: string) => {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'audit', '--json', '--period', period, '--hubspot-url', hubspotUrl, '--at', now], { cwd: ROOT, env: { ...process.env, HUBSPOT_ACCESS_TOKEN: 'local-portal-token' }, encoding: 'utf8' });
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout) as AuditOwners;
    };
    const quarter = audit('last-quarter');

    // As the Head of Sales (the policy's admin), who sees everyone's figures.
    await page.getByTestId('viewer').selectOption('siobhan.byrne@example.ie');
    await page.getByTestId('nav-home').click();
    await page.locator('[data-testid="period"] select').selectOption('last-quarter');
    await page.getByTestId('owners').waitFor();
    await shows('audience', /Siobhán Byrne \(admin/);
    const rows = (await page.evaluate(`[...document.querySelectorAll('[data-testid="owners"] tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim()))`)) as string[][];
    const home = rows.map(([name, attempts, met, missed, compliance, , firstTouch]) => ({ name: name!.replace(/ \(.*\)$/, ''), attempts: Number(attempts), met: Number(met), missed: Number(missed), compliance: compliance!, firstTouch: firstTouch! }));
    const fromAudit = quarter.byOwner.map((o) => ({ name: o.name, attempts: o.attempts, met: o.met, missed: o.missed + o.breachedOpen, compliance: o.compliance === undefined ? 'n/a' : `${o.compliance}%` }));
    expect(home.length).toBeGreaterThan(3);
    expect(home.map(({ firstTouch: _f, ...rest }) => rest)).toEqual(fromAudit);
    for (const row of home) if (/^0 min/.test(row.firstTouch)) expect(row.firstTouch).toMatch(/before the clock started/);
    for (const o of quarter.byOwner) if (o.medianFirstTouchMinutes === 0) expect(o.zeroMedianWhy).toBeDefined();

    // The whole demo history, every handoff: at most the policy's two reassignments each.
    const year = audit('2026-01-01..2026-12-31');
    expect(year.reassignments.limit).toBe(2);
    expect(year.reassignments.max).toBeLessThanOrEqual(2);
    expect(year.reassignments.total).toBeGreaterThan(0);

    // A manager sees their teams; a rep their own figures and their team's totals. The period chosen is kept.
    await page.getByTestId('viewer').selectOption('james.carter@example.co.uk');
    await shows('audience', /James Carter \(manager: UK/);
    await expect(page.locator('[data-testid="period"] select').inputValue()).resolves.toBe('last-quarter');
    const managerRows = (await page.evaluate(`[...document.querySelectorAll('[data-testid="owners"] tbody tr td:first-child')].map((td) => td.textContent.trim())`)) as string[];
    expect(managerRows.sort()).toEqual(quarter.byOwner.filter((o) => ['Priya Shah', 'Tom Evans', 'James Carter'].includes(o.name)).map((o) => o.name.replace(/$/, o.name === 'James Carter' ? ' (manager)' : '')).sort());
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ROOT, 'docs/home-manager.png'), fullPage: true });
    await page.getByTestId('viewer').selectOption('priya.shah@example.co.uk');
    await shows('audience', /Priya Shah \(your figures/);
    const repRows = (await page.evaluate(`[...document.querySelectorAll('[data-testid="owners"] tbody tr td:first-child')].map((td) => td.textContent.trim())`)) as string[];
    expect(repRows).toEqual(['Priya Shah']);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ROOT, 'docs/home-rep.png'), fullPage: true });
  });

  it('the workbench pages: paging and sort, empty results, not found, the form checked as typed, a duplicate linked to its contact', async () => {
    await page.goto(`${url}/#/contacts`);
    await shows('contacts-total', /^3\d\d contacts$/);
    await expect(text('page-of')).resolves.toMatch(/^Page 1 of [7-9]$/);
    const first = await text('contacts');
    const second = page.waitForResponse((r) => r.url().includes('page=2'));
    await page.getByTestId('page-next').click();
    await second;
    await shows('page-of', /^Page 2 of/);
    expect(await text('contacts')).not.toBe(first);
    const sorted = page.waitForResponse((r) => r.url().includes('sort=name') && r.url().includes('page=1'));
    await page.getByTestId('sort').selectOption('name');
    await sorted;
    await shows('page-of', /^Page 1 of/);
    await page.waitForTimeout(200);
    const names = (await page.evaluate(`[...document.querySelectorAll('[data-testid="contacts"] tbody tr td:first-child a')].map((a) => a.textContent)`)) as string[];
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-IE')));
    await page.screenshot({ path: join(ROOT, 'docs/workbench-contacts.png') });
    await page.getByTestId('filter-q').fill('nobody-by-this-name');
    await shows('contacts-empty', /No contact matches these filters/);

    await page.goto(`${url}/#/no-such-page`);
    await shows('not-found', /Page not found/);
    await page.goto(`${url}/#/contact/999999`);
    await shows('not-found', /Contact not found/);
    await page.screenshot({ path: join(ROOT, 'docs/workbench-not-found.png') });

    await page.goto(`${url}/#/new-lead`);
    await page.getByTestId('lead-firstname').fill('x'.repeat(5000));
    await page.getByTestId('lead-numberofemployees').fill('');
    await page.getByTestId('lead-numberofemployees').pressSequentially('-5');
    await page.getByTestId('lead-submit').click();
    await shows('lead-firstname-error', /^First name: at most 100 characters \(this is 5000\)$/);
    await shows('lead-numberofemployees-error', /^Employees: .* is not a whole number from 0 to 1,000,000$/);
    // Submitting shows every field's problem, untouched ones included, and sends nothing.
    await shows('lead-lastname-error', /^Last name is required$/);
    await page.screenshot({ path: join(ROOT, 'docs/workbench-new-lead.png') });
    const taken = await json<{ contacts: { id: string; email: string; name: string }[] }>('/workbench/api/contacts?sort=name');
    const other = taken.contacts.find((c) => c.email)!;
    await page.getByTestId('lead-firstname').fill('Aisling');
    await page.getByTestId('lead-lastname').fill('Duggan');
    await page.getByTestId('lead-email').fill(other.email);
    await page.getByTestId('lead-company').fill('Duggan Freight');
    await page.getByTestId('lead-numberofemployees').fill('40');
    await page.getByTestId('lead-submit').click();
    await shows('lead-error', /already belongs to a contact/);
    await page.getByTestId('lead-duplicate-link').click();
    await page.waitForURL(new RegExp(`#/contact/${other.id}$`));

    await page.goto(`${url}/#/deals`);
    await page.getByTestId('deals').waitFor();
    await page.screenshot({ path: join(ROOT, 'docs/workbench-deals.png') });
  });

  it('no page shows an internal value where a label exists; every card state is photographed at the sidebar width', async () => {
    const policyCodes = ['not-a-fit', 'no-budget', 'bad-timing', 'no-response', 'wrong-territory', 'existing-customer', 'student-or-job-seeker', 'future-interest', 'wrong-contact'];
    const FORBIDDEN: [string, RegExp][] = [
      ['an ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
      ['undefined', /\bundefined\b/],
      ['NaN', /\bNaN\b/],
      ['a lifecycle stage value', /\b(marketingqualifiedlead|salesqualifiedlead|subscriber|evangelist)\b/],
      ['a deal stage value', /\b(appointmentscheduled|qualifiedtobuy|presentationscheduled|decisionmakerboughtin|contractsent|closedwon|closedlost)\b/],
      ['a traffic source code', /\b(ORGANIC_SEARCH|PAID_SEARCH|EMAIL_MARKETING|SOCIAL_MEDIA|REFERRALS|OTHER_CAMPAIGNS|DIRECT_TRAFFIC|OFFLINE|PAID_SOCIAL)\b/],
      ['a Handoff code', /\b(on_track|at_risk|remind_owner|notify_manager|first_touch|handoff_[a-z_]+)\b/],
      ['a reason code', new RegExp(`\\b(${policyCodes.join('|')})\\b`)],
      ['an owner id', /\b(owner|Owner) \d+\b|\(\d{3}\)/],
    ];
    const check = async (where: string) => {
      const body = (await page.evaluate('document.body.innerText')) as string;
      expect(body.length).toBeGreaterThan(200); // the page rendered
      for (const [what, pattern] of FORBIDDEN) {
        const hit = pattern.exec(body);
        expect(hit ? `${where} shows ${what}: "${body.slice(Math.max(0, hit.index - 40), hit.index + 40)}"` : undefined).toBeUndefined();
      }
    };
    const visit = async (hash: string, waitFor: string) => {
      await page.goto(`${url}/${hash}`);
      await page.getByTestId(waitFor).first().waitFor();
      await page.waitForTimeout(300);
    };
    await visit('#/contacts', 'contacts');
    await check('the contacts list');
    await visit('#/deals', 'nav-home');
    await check('the deals list');
    await visit('#/new-lead', 'lead-submit');
    await check('the new-lead form');
    await visit('#/home', 'funnel');
    await check('the home page');
    for (const stage of ['routed', 'accepted', 'rejected', 'recycled', 'converted']) {
      const { contacts } = await json<{ contacts: { id: string }[] }>(`/workbench/api/contacts?stage=${stage}`);
      expect(contacts.length).toBeGreaterThan(0);
      await visit(`#/contact/${contacts[0]!.id}`, 'stage');
      await check(`the contact card (${stage})`);
      await page.locator('[data-testid="contact-card"]').screenshot({ path: join(ROOT, `docs/card-${stage}.png`) });
    }
    // A contact in no handoff: the card says why it is not an MQL.
    // (Some contacts in no handoff meet the definition: marketing's workflow never made them MQLs.)
    const { contacts: none } = await json<{ contacts: { id: string }[] }>('/workbench/api/contacts?stage=none');
    let shown = false;
    for (const c of none.slice(0, 20)) {
      await page.goto(`${url}/#/contact/${c.id}`);
      await page.getByTestId('no-handoff').or(page.getByTestId('stage')).first().waitFor();
      if ((shown = (await page.getByTestId('no-handoff').count()) > 0)) break;
    }
    expect(shown).toBe(true);
    await page.waitForTimeout(300);
    await check('the contact card (not in a handoff)');
    await page.locator('[data-testid="contact-card"]').screenshot({ path: join(ROOT, 'docs/card-not-in-a-handoff.png') });
    const { deals } = await json<{ deals: { id: string }[] }>('/workbench/api/deals');
    await visit(`#/deal/${deals[0]!.id}`, 'record-title');
    await page.waitForTimeout(500);
    await check('a deal record');
  });
});

interface AuditOwners {
  byOwner: { name: string; attempts: number; met: number; missed: number; breachedOpen: number; compliance?: number; medianFirstTouchMinutes?: number; zeroMedianWhy?: string }[];
  reassignments: { max: number; total: number; limit?: number };
}

