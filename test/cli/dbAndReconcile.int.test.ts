import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { hubspotClient } from '../../src/hubspot/hubspotClient.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { applyHandoffSetup, planHandoffSetup } from '../../src/hubspot/setup.js';
import { MIGRATIONS } from '../../src/ledger/migrations/index.js';
import { connectPortal } from '../../src/handlers/connectPortal.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import { cli } from '../support/cliHarness.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// `handoff db` and `handoff reconcile` on an embedded ledger in a directory, as a single self-hosted instance runs.
describe('handoff db and handoff reconcile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'handoff-db-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('db status before and after db migrate: the engine, where, the schema version and the outbox', async () => {
    const env = { HANDOFF_DATA_DIR: join(dir, 'ledger') };
    const before = await cli(['db', 'status'], { env });
    expect(before).toMatchObject({ code: 0 });
    const all = Object.keys(MIGRATIONS);
    expect(before.out).toBe(`engine: pglite\nwhere: ${join(dir, 'ledger')}\nschema: none (run handoff db migrate); pending: ${all.join(', ')}`);
    const migrated = await cli(['db', 'migrate'], { env });
    expect(migrated.out).toBe(`Ledger on pglite (${join(dir, 'ledger')}): schema at ${all.at(-1)}, ${all.length} migrations applied, none pending.`);
    const after = await cli(['db', 'status'], { env });
    expect(after.out).toBe(
      `engine: pglite\nwhere: ${join(dir, 'ledger')}\nschema: ${all.at(-1)}\nportal: none yet (the first server to start stamps the ledger with its token's portal)\noutbox: 0 changes still owed to HubSpot (0 retrying, 0 parked)`,
    );
    // Nothing parked: nothing to put back; an id that is not one is refused, naming it.
    expect((await cli(['db', 'retry-parked'], { env })).out).toBe("0 parked changes back in line for HubSpot; the server's outbox worker sends them next.");
    expect(await cli(['db', 'retry-parked', 'abc'], { env })).toMatchObject({ code: 2, err: expect.stringContaining('retry-parked: "abc" is not an outbox id') });
  });

  it('reconcile finds an owner changed by hand in HubSpot, says what it did, and finds nothing the second time', async () => {
    const fake = createFakeHubSpot({ rateLimits: false });
    for (const o of DEMO_OWNERS) fake.store.putOwner({ ...o });
    const running = await serveFakeHubSpot(fake);
    try {
      const client = hubspotClient({ accessToken: 'pat', baseUrl: running.url });
      const policy = defaultPolicy();
      await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
      const ledger = await openLedger({ dataDir: join(dir, 'ledger') });
      const check = fake.store.checkWrite('contacts', { email: 'a@harbour.ie', firstname: 'Aine', jobtitle: 'CFO', country: 'Ireland', state: 'Cork', recent_conversion_event_name: 'Book a demo', recent_conversion_date: '2026-11-24T10:00:00Z' });
      const company = fake.store.checkWrite('companies', { name: 'Harbour', numberofemployees: '120' });
      if (!check.ok || !company.ok) throw new Error('bad seed');
      const c = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
      fake.store.associate('contacts', c.id, 'companies', fake.store.create('companies', company.values, { sourceType: 'IMPORT' }).id, 1);
      const crm = new HubSpotCrmGateway(client);
      const routed = await routeLead({ crm, ledger, policy, portal: await connectPortal(crm, ledger), now: () => new Date('2026-11-25T09:30:00Z') }, { contactId: c.id, actor: { kind: 'workflow', id: 'wf' } });
      await ledger.close();
      const other = routed.ownerId === '102' ? '103' : '102';
      fake.store.update(fake.store.get('contacts', c.id)!, new Map([['hubspot_owner_id', other]]), { sourceType: 'CRM_UI' });

      const env = { HANDOFF_DATA_DIR: join(dir, 'ledger'), HUBSPOT_ACCESS_TOKEN: 'pat' };
      const first = await cli(['reconcile', '--hubspot-url', running.url], { env });
      expect(first).toMatchObject({ code: 0 });
      expect(first.out).toMatch(new RegExp(`^reconcile: 1 handoff checked against HubSpot; 1 finding\\n  contact ${c.id}: owner-changed: the handoff's owner is now .+, as in HubSpot; routing counts follow\naccount index: 1 company read from HubSpot$`));
      const second = await cli(['reconcile', '--hubspot-url', running.url, '--since', '2026-01-01T00:00:00Z'], { env });
      expect(second.out).toBe('reconcile: 1 handoff checked against HubSpot (changed since 2026-01-01T00:00:00.000Z); 0 findings\naccount index: 1 company read from HubSpot');
      const bad = await cli(['reconcile', '--hubspot-url', running.url, '--since', 'yesterday'], { env });
      expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('--since: "yesterday" is not an ISO-8601 instant') });
    } finally {
      await running.close();
    }
  });
});
