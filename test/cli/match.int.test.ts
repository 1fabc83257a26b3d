import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { cli } from '../support/cliHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';

// `handoff match`: one lead's matching against the account index, signal by signal, as a RevOps
// lead checks why a lead went to an account owner (or did not).
describe('handoff match', () => {
  let fake: FakeHubSpot;
  let running: RunningFake;
  let dir: string;
  beforeEach(async () => {
    fake = createFakeHubSpot({ rateLimits: false });
    for (const o of DEMO_OWNERS) fake.store.putOwner({ ...o });
    seedRecords(fake, 'companies', [
      { name: 'Acme Software Ltd', domain: 'acme.ie', hubspot_owner_id: '102', country: 'Ireland' },
      { name: 'Acme Software', domain: 'acme-software.co.uk', country: 'United Kingdom' },
      { name: 'Gmail', domain: 'gmail.com', hubspot_owner_id: '101' },
    ]);
    running = await serveFakeHubSpot(fake);
    dir = mkdtempSync(join(tmpdir(), 'handoff-match-'));
  });
  afterEach(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const env = () => ({ HANDOFF_DATA_DIR: join(dir, 'ledger'), HUBSPOT_ACCESS_TOKEN: 'pat' });

  it('fills the index from HubSpot, then shows the match, every candidate and why', async () => {
    const r = await cli(['match', '--refresh', '--hubspot-url', running.url, '--lead', 'examples/lead-account.json'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'account index: 3 companies read in 1 page',
      'lead: email sean.walsh@sales.acme.ie, website https://www.acme.ie, company "Acme Software", country Ireland',
      'looked up: domains acme.ie; stems acme; name "acme software"',
      "match: Acme Software Ltd: the email's domain sales.acme.ie is acme.ie, and the contact's website https://www.acme.ie is at acme.ie, and the company name \"Acme Software\" is \"Acme Software Ltd\", and both are in Ireland. Owner: Ciarán Murphy.",
      "  ✓ Acme Software Ltd (company 1001, Ciarán Murphy, 0 contacts): the email's domain sales.acme.ie is acme.ie; the contact's website https://www.acme.ie is at acme.ie; the company name \"Acme Software\" is \"Acme Software Ltd\"; both are in Ireland",
      '  · Acme Software (company 1002, no owner, 0 contacts): the company name "Acme Software" is "Acme Software"',
    ]);
    // A later run reads the index the first one filled: no HubSpot call.
    fake.calls.reset();
    const gmail = await cli(['match', '--lead', '{"email":"mary@gmail.com"}'], { env: env() });
    expect(gmail.out.split('\n')).toEqual([
      'lead: email mary@gmail.com',
      'looked up: nothing (no domain or name to look up)',
      "No account: the lead gives no company domain or name to match; the email's domain gmail.com is a personal address, never matched to a company.",
      "  note: the email's domain gmail.com is a personal address, never matched to a company",
    ]);
    expect(fake.calls.count()).toBe(0);
  });

  it('refuses a company id that is not one, naming it', async () => {
    const r = await cli(['match', '--lead', '{"email":"a@acme.ie"}', '--company-id', 'acme'], { env: env() });
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('--company-id: "acme" is not a HubSpot record id') });
  });
});
