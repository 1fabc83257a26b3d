import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrmStore } from '../../src/fake-hubspot/crm/crmStore.js';
import { PortalDatabase } from '../../src/fake-hubspot/persist/portalDatabase.js';
import { seedDemoPortal } from '../../src/fake-hubspot/seed/seedDemoPortal.js';

const NOW = Date.parse('2026-11-25T09:30:00Z');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'portal-db-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the local portal database (SQLite through sql.js)', () => {
  it('keeps a seeded portal across a restart: records, history, owners, associations and the next id', async () => {
    const file = join(dir, 'portal.sqlite');
    const store = new CrmStore(() => NOW);
    const { database, fresh } = await PortalDatabase.open(file, store);
    expect(fresh).toBe(true);
    seedDemoPortal(store, { seed: 7, now: NOW, contacts: 60, companies: 10 });
    database.saveAll();
    const contact = store.get('contacts', '1011')!;
    store.update(contact, new Map([['jobtitle', 'Chief Revenue Officer']]), { sourceType: 'CRM_UI' }, NOW + 1000);
    database.setMeta('clock', String(NOW + 1000));
    database.close();

    const again = new CrmStore(() => NOW);
    const reopened = await PortalDatabase.open(file, again);
    expect(reopened.fresh).toBe(false);
    expect(again.snapshot()).toEqual(store.snapshot());
    expect(again.get('contacts', '1011')!.history.get('jobtitle')![0]).toMatchObject({ value: 'Chief Revenue Officer', sourceType: 'CRM_UI' });
    expect(again.findByUnique('contacts', 'email', contact.properties.get('email')!.toUpperCase())?.id).toBe('1011');
    expect(reopened.database.meta('clock')).toBe(String(NOW + 1000));
    // Ids go on from where they were, never reused.
    const created = again.create('contacts', new Map([['email', 'new@example.ie']]), { sourceType: 'CRM_UI' });
    expect(Number(created.id)).toBe(store.nextRecordId);
    reopened.database.close();
  });

  it('writes changes a short while after they happen, replacing the file whole (no temporary file left)', async () => {
    const file = join(dir, 'portal.sqlite');
    const store = new CrmStore(() => NOW);
    const { database } = await PortalDatabase.open(file, store, { flushAfterMs: 10 });
    store.create('contacts', new Map([['email', 'a@example.ie']]), { sourceType: 'CRM_UI' });
    await new Promise((r) => setTimeout(r, 60));
    expect(existsSync(`${file}.tmp`)).toBe(false);
    const copy = new CrmStore(() => NOW);
    const before = readFileSync(file);
    writeFileSync(join(dir, 'copy.sqlite'), before);
    await PortalDatabase.open(join(dir, 'copy.sqlite'), copy);
    expect(copy.findByUnique('contacts', 'email', 'a@example.ie')).toBeDefined();
    database.close();
  });

  it('names a file it cannot read and says how to start again', async () => {
    const file = join(dir, 'portal.sqlite');
    writeFileSync(file, 'not a database');
    await expect(PortalDatabase.open(file, new CrmStore(() => NOW))).rejects.toThrow(`the local portal's database ${file} cannot be read`);
    await expect(PortalDatabase.open(file, new CrmStore(() => NOW))).rejects.toThrow('--reset');
  });
});
