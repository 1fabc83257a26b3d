import { FilterOperatorEnum, type Filter } from '@hubspot/api-client/lib/codegen/crm/contacts/models/Filter.js';
import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/contacts/models/PublicObjectSearchRequest.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';

const hub = useFakeHubSpot();

const search = (body: Partial<PublicObjectSearchRequest>) =>
  hub.client().crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: ['email'], limit: 200, after: '0', ...body });

function seedPeople() {
  return seedRecords(hub.fake, 'contacts', [
    { email: 'aoife@acme.ie', country: 'Ireland', hubspotscore: '80', lifecyclestage: 'marketingqualifiedlead', recent_conversion_date: '2026-11-20T10:00:00Z', jobtitle: 'Head of Operations' },
    { email: 'brian@acme.ie', country: 'Ireland', hubspotscore: '40', lifecyclestage: 'lead', jobtitle: 'Operations Analyst' },
    { email: 'cara@widgets.co.uk', country: 'United Kingdom', hubspotscore: '95', lifecyclestage: 'salesqualifiedlead', recent_conversion_date: '2026-10-01T10:00:00Z' },
    { email: 'dan@widgets.co.uk', country: 'United Kingdom', lifecyclestage: 'lead' },
  ]);
}

describe('fake HubSpot: CRM search', () => {
  const op = FilterOperatorEnum;
  const table: [string, Filter, string[]][] = [
    ['EQ is case-insensitive', { propertyName: 'country', operator: op.Eq, value: 'ireland' }, ['aoife', 'brian']],
    ['NEQ includes records without the property', { propertyName: 'hubspotscore', operator: op.Neq, value: '80' }, ['brian', 'cara', 'dan']],
    ['GT on a number compares numbers', { propertyName: 'hubspotscore', operator: op.Gt, value: '80' }, ['cara']],
    ['GTE', { propertyName: 'hubspotscore', operator: op.Gte, value: '80' }, ['aoife', 'cara']],
    ['LT', { propertyName: 'hubspotscore', operator: op.Lt, value: '80' }, ['brian']],
    ['LTE', { propertyName: 'hubspotscore', operator: op.Lte, value: '80' }, ['aoife', 'brian']],
    ['BETWEEN on a datetime takes epoch ms', { propertyName: 'recent_conversion_date', operator: op.Between, value: String(Date.parse('2026-11-01T00:00:00Z')), highValue: String(Date.parse('2026-11-30T00:00:00Z')) }, ['aoife']],
    ['IN', { propertyName: 'lifecyclestage', operator: op.In, values: ['marketingqualifiedlead', 'salesqualifiedlead'] }, ['aoife', 'cara']],
    ['NOT_IN', { propertyName: 'lifecyclestage', operator: op.NotIn, values: ['lead'] }, ['aoife', 'cara']],
    ['HAS_PROPERTY', { propertyName: 'recent_conversion_date', operator: op.HasProperty }, ['aoife', 'cara']],
    ['NOT_HAS_PROPERTY', { propertyName: 'hubspotscore', operator: op.NotHasProperty }, ['dan']],
    ['CONTAINS_TOKEN matches a whole token', { propertyName: 'jobtitle', operator: op.ContainsToken, value: 'operations' }, ['aoife', 'brian']],
    ['CONTAINS_TOKEN with a wildcard', { propertyName: 'email', operator: op.ContainsToken, value: '*@widgets.co.uk' }, ['cara', 'dan']],
  ];

  it.each(table)('%s', async (_name, filter, expected) => {
    seedPeople();
    const res = await search({ filterGroups: [{ filters: [filter] }] });
    expect(res.results.map((r) => r.properties.email!.split('@')[0])).toEqual(expected);
    expect(res.total).toBe(expected.length);
  });

  it('ANDs filters in a group and ORs groups', async () => {
    seedPeople();
    const res = await search({
      filterGroups: [
        { filters: [{ propertyName: 'country', operator: op.Eq, value: 'Ireland' }, { propertyName: 'hubspotscore', operator: op.Gte, value: '50' }] },
        { filters: [{ propertyName: 'email', operator: op.Eq, value: 'dan@widgets.co.uk' }] },
      ],
    });
    expect(res.results.map((r) => r.properties.email)).toEqual(['aoife@acme.ie', 'dan@widgets.co.uk']);
  });

  it('sorts by a property, descending with "-name", records without it last', async () => {
    seedPeople();
    const res = await search({ sorts: ['-hubspotscore'] });
    expect(res.results.map((r) => r.properties.email!.split('@')[0])).toEqual(['cara', 'aoife', 'brian', 'dan']);
  });

  it('refuses a filter on a property that does not exist, naming it', async () => {
    seedPeople();
    await expect(search({ filterGroups: [{ filters: [{ propertyName: 'score', operator: op.Gt, value: '1' }] }] })).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR', message: 'Property "score" does not exist, so it cannot be used in a filter.' },
    });
  });

  it('refuses a page larger than 200', async () => {
    await expect(search({ limit: 201 })).rejects.toMatchObject({ code: 400, body: { message: 'limit 201 is too large: a search page holds at most 200.' } });
  });

  it('pages 200 at a time and stops at HubSpot ceiling of 10,000 results, however many match', async () => {
    seedRecords(hub.fake, 'contacts', Array.from({ length: 10_050 }, (_, i) => ({ email: `lead${i}@example.ie`, country: 'Ireland' })));
    const filterGroups = [{ filters: [{ propertyName: 'country', operator: op.Eq, value: 'Ireland' }] }];
    const seen = new Set<string>();
    let after: string | undefined = '0';
    let pages = 0;
    let total = 0;
    while (after !== undefined) {
      const page = await search({ filterGroups, after });
      pages++;
      total = page.total;
      expect(page.results.length).toBeLessThanOrEqual(200);
      for (const r of page.results) seen.add(r.id);
      after = page.paging?.next?.after;
    }
    expect({ pages, distinct: seen.size, total }).toEqual({ pages: 50, distinct: 10_000, total: 10_050 });
    await expect(search({ filterGroups, after: '10000' })).rejects.toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
    // The way past the ceiling: filter on hs_object_id above the last id seen, sorted by id.
    const lastId = [...seen].map(Number).sort((a, b) => a - b).at(-1)!;
    const rest = await search({ filterGroups: [{ filters: [...filterGroups[0]!.filters, { propertyName: 'hs_object_id', operator: op.Gt, value: String(lastId) }] }], sorts: ['hs_object_id'] });
    expect(rest.total).toBe(50);
  });
});
