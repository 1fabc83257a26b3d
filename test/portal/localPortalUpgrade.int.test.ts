import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrmStore } from '../../src/fake-hubspot/crm/crmStore.js';
import { PortalDatabase } from '../../src/fake-hubspot/persist/portalDatabase.js';
import { DEMO_START, startLocalPortal } from '../../src/portal/localPortal.js';
import { defaultPolicy, ROOT } from '../support/policyFixtures.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'portal-upgrade-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = () => startLocalPortal({ root: ROOT, policy: defaultPolicy(), dataDir: dir, port: 0, contacts: 30 });
const property = async (hubspotUrl: string, name: string) =>
  fetch(`${hubspotUrl}/crm/v3/properties/contacts/${name}`, { headers: { authorization: 'Bearer local-portal-token' } });

describe('npm start on a portal saved by an older version of Handoff', () => {
  it('brings its properties up to date (handoff_claim, which claimed writes need) and keeps its records', async () => {
    const first = await start();
    expect(first.seeded).toBe(true);
    await first.close();

    // The portal as an older Handoff left it: everything but handoff_claim.
    const store = new CrmStore(() => DEMO_START);
    const saved = await PortalDatabase.open(join(dir, 'portal.sqlite'), store);
    const contacts = store.count('contacts');
    store.deletePropertyDefinition('contacts', 'handoff_claim');
    saved.database.saveAll();
    saved.database.close();

    const check = new CrmStore(() => DEMO_START);
    (await PortalDatabase.open(join(dir, 'portal.sqlite'), check)).database.close();
    expect(check.propertyDefinition('contacts', 'handoff_claim')).toBeUndefined();
    expect(check.count('contacts')).toBe(contacts);

    const again = await start();
    try {
      expect(again.seeded).toBe(false);
      expect((await property(again.hubspotUrl, 'handoff_claim')).status).toBe(200);
      const list = await fetch(`${again.hubspotUrl}/crm/v3/objects/contacts?limit=100`, { headers: { authorization: 'Bearer local-portal-token' } });
      expect(((await list.json()) as { results: unknown[] }).results).toHaveLength(contacts);
    } finally {
      await again.close();
    }
  });
});
