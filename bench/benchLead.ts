import type { FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';

/** An Irish MQL (a demo request, 120 employees) and its company, written straight into the fake: its contact id. */
export function seedBenchLead(fake: FakeHubSpot, n: number): string {
  const check = fake.store.checkWrite('contacts', { email: `lead${n}@harbour${n}.ie`, firstname: 'Lead', jobtitle: 'CFO', country: 'Ireland', state: 'Cork', recent_conversion_event_name: 'Book a demo', recent_conversion_date: '2026-11-24T10:00:00Z' });
  const company = fake.store.checkWrite('companies', { name: `Harbour ${n}`, numberofemployees: '120' });
  if (!check.ok || !company.ok) throw new Error('bad bench seed');
  const c = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
  const co = fake.store.create('companies', company.values, { sourceType: 'IMPORT' });
  fake.store.associate('contacts', c.id, 'companies', co.id, 1);
  return c.id;
}
