import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { apiFailure, seedOwner } from '../support/fakeHubSpotFixtures.js';

const hub = useFakeHubSpot();


describe('fake HubSpot: CRM objects v3 through @hubspot/api-client', () => {
  it('creates a contact and reads back the properties asked for; unset ones are absent', async () => {
    const client = hub.client();
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'aoife@example.ie', firstname: 'Aoife', lifecyclestage: 'lead' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    const read = await client.crm.contacts.basicApi.getById(created.id, ['email', 'lifecyclestage', 'country']);
    expect(read.properties).not.toHaveProperty('country');
    expect(read.properties).toMatchObject({ email: 'aoife@example.ie', lifecyclestage: 'lead', hs_object_id: created.id, createdate: '2026-11-25T09:30:00.000Z' });
    expect(read.createdAt.toISOString()).toBe('2026-11-25T09:30:00.000Z');
  });

  it('answers an unknown id with 404 and HubSpot error body', async () => {
    const e = await apiFailure(hub.client().crm.contacts.basicApi.getById('999999'));
    expect(e.code).toBe(404);
    expect(e.body).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { id: ['999999'] } });
    expect(e.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a second contact with the same email (any case) with 409 naming the existing id', async () => {
    const client = hub.client();
    const first = await client.crm.contacts.basicApi.create({ properties: { email: 'niamh@example.co.uk' }, associations: [] });
    const e = await apiFailure(client.crm.contacts.basicApi.create({ properties: { email: 'NIAMH@example.co.uk' }, associations: [] }));
    expect(e.code).toBe(409);
    expect(e.body).toMatchObject({ category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.id}` });
  });

  it('reads a contact by email with idProperty', async () => {
    const client = hub.client();
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'ciaran@example.ie' }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById('ciaran@example.ie', ['email'], undefined, undefined, false, 'email');
    expect(read.id).toBe(created.id);
  });

  it('appends to property history on every write, newest first, with the source', async () => {
    const client = hub.client();
    const { id } = await client.crm.contacts.basicApi.create({ properties: { email: 'tom@example.co.uk', lifecyclestage: 'lead' }, associations: [] });
    hub.advance(60 * 60_000);
    await client.crm.contacts.basicApi.update(id, { properties: { lifecyclestage: 'marketingqualifiedlead' } });
    const read = await client.crm.contacts.basicApi.getById(id, ['lifecyclestage'], ['lifecyclestage', 'hs_lifecyclestage_marketingqualifiedlead_date', 'lastmodifieddate']);
    const history = read.propertiesWithHistory!;
    expect(history.lifecyclestage!.map((h) => [h.value, h.timestamp.toISOString(), h.sourceType])).toEqual([
      ['marketingqualifiedlead', '2026-11-25T10:30:00.000Z', 'INTEGRATION'],
      ['lead', '2026-11-25T09:30:00.000Z', 'INTEGRATION'],
    ]);
    // HubSpot stamps the date a record entered a stage, as a calculated write.
    expect(history.hs_lifecyclestage_marketingqualifiedlead_date!.map((h) => [h.value, h.sourceType])).toEqual([['2026-11-25T10:30:00.000Z', 'CALCULATED']]);
    expect(history.lastmodifieddate![0]!.value).toBe('2026-11-25T10:30:00.000Z');
  });

  it('stamps the owner assigned date when the owner changes, and refuses an owner id that does not exist', async () => {
    seedOwner(hub.fake, { id: '101', email: 'siobhan@example.ie' });
    const client = hub.client();
    const { id } = await client.crm.contacts.basicApi.create({ properties: { email: 'x@example.ie', hubspot_owner_id: '101' }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(id, ['hubspot_owner_id', 'hubspot_owner_assigneddate']);
    expect(read.properties).toMatchObject({ hubspot_owner_id: '101', hubspot_owner_assigneddate: '2026-11-25T09:30:00.000Z' });
    const e = await apiFailure(client.crm.contacts.basicApi.update(id, { properties: { hubspot_owner_id: '999' } }));
    expect(e.code).toBe(400);
    expect(e.body.message).toContain('INVALID_OWNER_ID');
  });

  describe('value validation on write (nothing is written when any value is bad)', () => {
    const cases: [property: string, value: string, error: string][] = [
      ['lifecyclestage', 'hot', 'INVALID_OPTION'],
      ['hs_lead_status', 'open', 'INVALID_OPTION'],
      ['hubspotscore', 'ten', 'INVALID_DOUBLE'],
      ['recent_conversion_date', '25/11/2026', 'INVALID_DATETIME'],
      ['no_such_property', 'x', 'PROPERTY_DOESNT_EXIST'],
      ['notes_last_contacted', '2026-11-25T10:00:00Z', 'READ_ONLY_VALUE'],
    ];
    it.each(cases)('%s = %j is refused with %s', async (property, value, error) => {
      const client = hub.client();
      const { id } = await client.crm.contacts.basicApi.create({ properties: { email: 'v@example.ie', firstname: 'Before' }, associations: [] });
      const e = await apiFailure(client.crm.contacts.basicApi.update(id, { properties: { firstname: 'After', [property]: value } }));
      expect(e.code).toBe(400);
      expect(e.body.category).toBe('VALIDATION_ERROR');
      expect(e.body.message).toMatch(/^Property values were not valid: /);
      const details = JSON.parse(e.body.message.replace('Property values were not valid: ', ''));
      expect(details).toEqual([expect.objectContaining({ isValid: false, name: property, error })]);
      const read = await client.crm.contacts.basicApi.getById(id, ['firstname']);
      expect(read.properties.firstname).toBe('Before');
    });

    it('stores numbers canonically and datetimes (epoch ms in) as ISO 8601 UTC', async () => {
      const client = hub.client();
      const { id } = await client.crm.deals.basicApi.create({ properties: { dealname: 'Bord', amount: '1200.50', closedate: '1795000000000' }, associations: [] });
      const read = await client.crm.deals.basicApi.getById(id, ['amount', 'closedate']);
      expect(read.properties).toMatchObject({ amount: '1200.5', closedate: '2026-11-18T11:06:40.000Z' });
    });
  });

  it('archives with DELETE: the record is gone from reads', async () => {
    const client = hub.client();
    const { id } = await client.crm.companies.basicApi.create({ properties: { name: 'Archived Ltd' }, associations: [] });
    await client.crm.companies.basicApi.archive(id);
    expect((await apiFailure(client.crm.companies.basicApi.getById(id))).code).toBe(404);
  });

  it('lists a page of objects with an after cursor', async () => {
    const client = hub.client();
    for (let i = 0; i < 3; i++) await client.crm.companies.basicApi.create({ properties: { name: `Co ${i}` }, associations: [] });
    const first = await client.crm.companies.basicApi.getPage(2);
    expect(first.results.map((r) => r.properties.name)).toEqual(['Co 0', 'Co 1']);
    const second = await client.crm.companies.basicApi.getPage(2, first.paging!.next!.after);
    expect(second.results.map((r) => r.properties.name)).toEqual(['Co 2']);
    expect(second.paging).toBeUndefined();
  });
});
