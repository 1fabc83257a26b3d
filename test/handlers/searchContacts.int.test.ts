import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { instantRetry } from '../support/handoffPortal.js';

const hub = useFakeHubSpot();

describe('searchContacts reads every match, 200 a page, past the 10,000 ceiling', () => {
  it('returns all 10,250 matching contacts once each, in id order, and skips the rest', async () => {
    const rows = Array.from({ length: 10_400 }, (_, i) => ({ email: `lead${i}@example.ie`, country: i % 70 === 69 ? 'France' : 'Ireland' }));
    seedRecords(hub.fake, 'contacts', rows);
    const expected = rows.filter((r) => r.country === 'Ireland').length;
    const fetched: number[] = [];
    const crm = new HubSpotCrmGateway(hub.api(), { ...instantRetry(), searchLimit: false });
    const found = await crm.searchContacts([{ property: 'country', op: 'EQ', value: 'Ireland' }], ['email'], (n) => fetched.push(n));
    const ids = found.map((c) => Number(c.id));
    expect(found).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // 50 pages up to the ceiling, then a second query above the last id seen.
    expect(hub.fake.calls.count('POST /crm/objects/2026-03/contacts/search')).toBe(Math.ceil(10_000 / 200) + Math.ceil((expected - 10_000) / 200));
    expect(fetched.at(-1)).toBe(expected);
  });
});
