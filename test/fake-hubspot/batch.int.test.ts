import type { BatchResponseSimplePublicObjectWithErrors } from '@hubspot/api-client/lib/codegen/crm/contacts/models/BatchResponseSimplePublicObjectWithErrors.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { apiFailure, seedRecords } from '../support/fakeHubSpotFixtures.js';

const hub = useFakeHubSpot();


describe('fake HubSpot: batch read, create and update (100 per call)', () => {
  it('reads a batch with properties and history; unknown ids come back as errors in a 207', async () => {
    const [a, b] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie', country: 'Ireland' }, { email: 'b@example.ie', country: 'United Kingdom' }]);
    const res = await hub
      .client()
      .crm.contacts.batchApi.read({ inputs: [{ id: a! }, { id: '424242' }, { id: b! }], properties: ['country'], propertiesWithHistory: ['country'] });
    expect(res.results.map((r) => [r.id, r.properties.country, r.propertiesWithHistory!.country![0]!.sourceType])).toEqual([
      [a, 'Ireland', 'IMPORT'],
      [b, 'United Kingdom', 'IMPORT'],
    ]);
    expect(res).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['424242'] } }] });
  });

  it('creates up to 100 and refuses 101 with a 400 naming the count', async () => {
    const client = hub.client();
    const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ properties: { email: `lead${i}@example.ie` }, associations: [] }));
    const created = await client.crm.contacts.batchApi.create({ inputs: inputs(100) });
    expect(created.results).toHaveLength(100);
    const e = await apiFailure(client.crm.contacts.batchApi.create({ inputs: inputs(101) }));
    expect(e.code).toBe(400);
    expect(e.body.message).toBe('Too many inputs: 101. A batch takes at most 100.');
  });

  it('refuses a whole batch update when one value is bad, and writes nothing', async () => {
    const ids = seedRecords(hub.fake, 'contacts', [{ email: 'c@example.ie' }, { email: 'd@example.ie' }]);
    const e = await apiFailure(
      hub.client().crm.contacts.batchApi.update({ inputs: [{ id: ids[0]!, properties: { lifecyclestage: 'lead' } }, { id: ids[1]!, properties: { lifecyclestage: 'warm' } }] }),
    );
    expect(e.code).toBe(400);
    expect(e.body.message).toContain('"error":"INVALID_OPTION"');
    expect(ids.map((id) => hub.fake.store.get('contacts', id)!.properties.get('lifecyclestage'))).toEqual([undefined, undefined]);
  });

  it('fails some inputs of a batch update under an injected batch-partial fault: a 207 naming them, only the others applied', async () => {
    const ids = seedRecords(hub.fake, 'contacts', Array.from({ length: 20 }, (_, i) => ({ email: `p${i}@example.ie` })));
    hub.fake.faults.inject({ route: 'POST /crm/v3/objects/contacts/batch/update', kind: 'batch-partial', failFraction: 0.25, times: 1 });
    const res = (await hub.client().crm.contacts.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { hs_lead_status: 'OPEN' } })) })) as BatchResponseSimplePublicObjectWithErrors;
    const failedIds = res.errors!.flatMap((e) => e.context.ids ?? []);
    expect(failedIds.length).toBeGreaterThan(0);
    expect(res.results.length + failedIds.length).toBe(20);
    for (const id of ids) {
      const status = hub.fake.store.get('contacts', id)!.properties.get('hs_lead_status');
      expect([id, status]).toEqual([id, failedIds.includes(id) ? undefined : 'OPEN']);
    }
    // The fault fired once; the retry of the failed inputs succeeds.
    const retry = (await hub.client().crm.contacts.batchApi.update({ inputs: failedIds.map((id) => ({ id, properties: { hs_lead_status: 'OPEN' } })) })) as BatchResponseSimplePublicObjectWithErrors;
    expect(retry.errors ?? []).toEqual([]);
  });
});
