import { searchPeriodInSlices } from '../../src/audit/searchPeriodInSlices.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';

const hub = useFakeHubSpot();
const DAY = 86_400_000;
const MQL_DATE = 'hs_lifecyclestage_marketingqualifiedlead_date';

/** `n` contacts that became MQLs one every 3 hours from `from`, plus one just before the period and one at its (excluded) end. */
function seedMqls(from: number, n: number): string[] {
  const ids: string[] = [];
  const at = (t: number) => {
    const r = hub.fake.store.create('contacts', new Map([['email', `m${t}@example.ie`], ['lifecyclestage', 'lead']]), { sourceType: 'IMPORT' }, t - DAY);
    hub.fake.store.update(r, new Map([['lifecyclestage', 'marketingqualifiedlead']]), { sourceType: 'IMPORT' }, t);
    return r.id;
  };
  at(from - 1);
  for (let i = 0; i < n; i++) ids.push(at(from + i * 3 * 3_600_000));
  at(Date.parse('2026-09-30T00:00:00Z'));
  return ids;
}

describe('searchPeriodInSlices', () => {
  const from = Date.parse('2026-07-01T00:00:00Z');
  const to = Date.parse('2026-09-30T00:00:00Z');

  it('reads a period bigger than a page as slices searched at once: every match exactly once, nothing outside', async () => {
    const ids = seedMqls(from, 650);
    const crm = new HubSpotCrmGateway(hub.api());
    const progress: number[] = [];
    const found = await searchPeriodInSlices(crm, { property: MQL_DATE, from: new Date(from), to: new Date(to), properties: [MQL_DATE], slices: 4 }, (n) => progress.push(n));
    expect(found.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(new Set(found.map((c) => c.id)).size).toBe(650);
    expect(progress.at(-1)).toBe(650);
    // One first page for the total, then 4 slices of about 163 each: one page per slice.
    expect(hub.fake.calls.byRoute()).toEqual({ 'POST /crm/objects/2026-03/contacts/search': 5 });
  });

  it('reads a period that fits one page in one call', async () => {
    const ids = seedMqls(from, 120);
    const found = await searchPeriodInSlices(new HubSpotCrmGateway(hub.api()), { property: MQL_DATE, from: new Date(from), to: new Date(to), properties: [MQL_DATE] });
    expect(found.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(hub.fake.calls.byRoute()).toEqual({ 'POST /crm/objects/2026-03/contacts/search': 1 });
  });
});
