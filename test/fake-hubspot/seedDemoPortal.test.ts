import { CrmStore } from '../../src/fake-hubspot/crm/crmStore.js';
import { seedDemoPortal } from '../../src/fake-hubspot/seed/seedDemoPortal.js';

const NOW = Date.parse('2026-11-25T09:30:00Z');

function seeded(seed: number) {
  const store = new CrmStore(() => NOW);
  const summary = seedDemoPortal(store, { seed, now: NOW });
  return { store, summary };
}

function dump(store: CrmStore): string {
  const out: unknown[] = [];
  for (const type of ['companies', 'contacts', 'deals'] as const) {
    for (const r of store.all(type)) out.push([type, r.id, [...r.properties.entries()].sort(), [...r.history.entries()].sort()]);
  }
  return JSON.stringify(out);
}

describe('seedDemoPortal', () => {
  it('gives the same portal for the same seed and a different one for another', () => {
    expect(dump(seeded(42).store)).toBe(dump(seeded(42).store));
    expect(dump(seeded(43).store)).not.toBe(dump(seeded(42).store));
  });

  it('fills 300 contacts, 40 companies and 11 owners (one archived), with contacts at every stage', () => {
    const { store, summary } = seeded(42);
    expect([store.count('contacts'), store.count('companies'), store.owners.size]).toEqual([300, 40, 11]);
    expect([...store.owners.values()].filter((o) => o.archived).map((o) => o.id)).toEqual(['150']);
    expect(Object.keys(summary.byStage).sort()).toEqual(['customer', 'lead', 'marketingqualifiedlead', 'opportunity', 'salesqualifiedlead']);
    expect(summary.deals).toBe(store.count('deals'));
    const countries = new Set([...store.all('contacts')].map((c) => c.properties.get('country')));
    expect([...countries].sort()).toEqual(['Ireland', 'United Kingdom']);
  });

  it('writes lifecycle stages at their own past times, as HubSpot stamps them', () => {
    const { store } = seeded(42);
    let checked = 0;
    for (const c of store.all('contacts')) {
      const history = c.history.get('lifecyclestage')!;
      expect(history.at(-1)!.value).toBe('lead');
      for (const h of history) expect(h.timestamp).toBeLessThanOrEqual(NOW);
      const mql = history.find((h) => h.value === 'marketingqualifiedlead');
      if (mql) {
        expect(Date.parse(c.properties.get('hs_lifecyclestage_marketingqualifiedlead_date')!)).toBe(mql.timestamp);
        checked++;
      }
      const contacted = c.properties.get('notes_last_contacted');
      if (contacted) expect(Date.parse(contacted)).toBeGreaterThanOrEqual(Date.parse(c.properties.get('hubspot_owner_assigneddate')!));
    }
    expect(checked).toBeGreaterThan(100);
  });
});
