import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrmStore } from '../../src/fake-hubspot/crm/crmStore.js';
import { standardProperty } from '../../src/fake-hubspot/crm/propertyDefinition.js';
import { PortalDatabase } from '../../src/fake-hubspot/persist/portalDatabase.js';
import { DEMO_START, startLocalPortal } from '../../src/portal/localPortal.js';
import { defaultPolicy, ROOT } from '../support/policyFixtures.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'portal-upgrade-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = () => startLocalPortal({ root: ROOT, policy: defaultPolicy(), dataDir: dir, port: 0, contacts: 30 });
const property = async (hubspotUrl: string, name: string) =>
  fetch(`${hubspotUrl}/crm/properties/2026-03/contacts/${name}`, { headers: { authorization: 'Bearer local-portal-token' } });

// Seeds and starts a whole portal twice: minutes on a busy 2-core machine are allowed, so the
// outcome never depends on how busy the machine is.
jest.setTimeout(300_000);

describe('npm start on a portal saved by an older version of Handoff', () => {
  it('hides the retired handoff_claim property, adopts the handoffs into a new ledger and keeps its records', async () => {
    const first = await start();
    expect(first.seeded).toBe(true);
    await first.close();

    // The portal as an older Handoff left it: handoff_claim still there and visible, and no ledger.
    const store = new CrmStore(() => DEMO_START);
    const saved = await PortalDatabase.open(join(dir, 'portal.sqlite'), store);
    const contacts = store.count('contacts');
    store.putPropertyDefinition('contacts', { ...standardProperty({ name: 'handoff_claim', label: 'Handoff write claim', type: 'string', fieldType: 'textarea', group: 'handoff' }, 99), hidden: false });
    saved.database.saveAll();
    saved.database.close();
    rmSync(join(dir, 'ledger'), { recursive: true, force: true });

    const again = await start();
    try {
      expect(again.seeded).toBe(false);
      const claim = (await (await property(again.hubspotUrl, 'handoff_claim')).json()) as { hidden: boolean; description: string };
      expect(claim).toMatchObject({ hidden: true, description: expect.stringContaining('Retired') });
      const list = await fetch(`${again.hubspotUrl}/crm/objects/2026-03/contacts?limit=100`, { headers: { authorization: 'Bearer local-portal-token' } });
      expect(((await list.json()) as { results: unknown[] }).results).toHaveLength(contacts);
    } finally {
      await again.close();
    }
  });
});
