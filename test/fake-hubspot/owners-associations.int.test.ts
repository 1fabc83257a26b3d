import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedOwner, seedRecords } from '../support/fakeHubSpotFixtures.js';

const hub = useFakeHubSpot();

describe('fake HubSpot: owners v3', () => {
  it('lists active owners, and archived ones only when asked', async () => {
    seedOwner(hub.fake, { id: '101', email: 'siobhan@example.ie', teams: [{ id: '1', name: 'Ireland', primary: true }] });
    seedOwner(hub.fake, { id: '102', email: 'ciaran@example.ie' });
    seedOwner(hub.fake, { id: '150', email: 'left@example.ie', archived: true });
    const client = hub.client();
    const active = await client.crm.owners.ownersApi.getPage();
    expect(active.results.map((o) => o.id)).toEqual(['101', '102']);
    expect(active.results[0]!.teams).toEqual([{ id: '1', name: 'Ireland', primary: true }]);
    const archived = await client.crm.owners.ownersApi.getPage(undefined, undefined, undefined, true);
    expect(archived.results.map((o) => [o.id, o.archived])).toEqual([['150', true]]);
    await expect(client.crm.owners.ownersApi.getById(150)).rejects.toMatchObject({ code: 404 });
    expect((await client.crm.owners.ownersApi.getById(150, 'id', true)).email).toBe('left@example.ie');
  });

  it('finds an owner by email', async () => {
    seedOwner(hub.fake, { id: '101', email: 'siobhan@example.ie' });
    seedOwner(hub.fake, { id: '102', email: 'ciaran@example.ie' });
    const res = await hub.client().crm.owners.ownersApi.getPage('Ciaran@example.ie');
    expect(res.results.map((o) => o.id)).toEqual(['102']);
  });
});

describe('fake HubSpot: associations', () => {
  it('creates associations on create (v3) and returns them with the record', async () => {
    const [companyId] = seedRecords(hub.fake, 'companies', [{ name: 'Acme Ireland', domain: 'acme.ie' }]);
    const client = hub.client();
    const contact = await client.crm.contacts.basicApi.create({
      properties: { email: 'a@acme.ie' },
      associations: [{ to: { id: companyId! }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 279 }] }],
    });
    const read = await client.crm.contacts.basicApi.getById(contact.id, ['email'], undefined, ['companies']);
    expect(read.associations!.companies!.results).toEqual([{ id: companyId, type: 'contact_to_company_unlabeled' }]);
  });

  it('v4: associates by default in both directions, lists, batch-reads (207 for none) and removes', async () => {
    const [contactId, lonelyId] = seedRecords(hub.fake, 'contacts', [{ email: 'a@acme.ie' }, { email: 'lonely@nowhere.ie' }]);
    const [companyId] = seedRecords(hub.fake, 'companies', [{ name: 'Acme Ireland' }]);
    const v4 = hub.client().crm.associations.v4;
    const made = await v4.basicApi.createDefault('contacts', contactId!, 'companies', companyId!);
    expect(made.results.map((r) => [r._from.id, r.to.id, r.associationSpec.associationTypeId])).toEqual([
      [contactId, companyId, 279],
      [companyId, contactId, 280],
    ]);
    const fromCompany = await v4.basicApi.getPage('companies', companyId!, 'contacts');
    expect(fromCompany.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId)])).toEqual([[contactId, [280]]]);
    const batch = await v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: contactId! }, { id: lonelyId! }] });
    expect(batch.results.map((r) => [r._from.id, r.to.map((t) => String(t.toObjectId))])).toEqual([[contactId, [companyId]]]);
    expect((batch as unknown as { errors: { category: string; context: { fromObjectId: string[] } }[] }).errors).toMatchObject([{ category: 'OBJECT_NOT_FOUND', context: { fromObjectId: [lonelyId] } }]);
    await v4.basicApi.archive('contacts', contactId!, 'companies', companyId!);
    expect((await v4.basicApi.getPage('companies', companyId!, 'contacts')).results).toEqual([]);
  });

  it('v4: labels a note on a contact with an explicit type, and refuses a type that does not go that way', async () => {
    const [contactId] = seedRecords(hub.fake, 'contacts', [{ email: 'a@acme.ie' }]);
    const [noteId] = seedRecords(hub.fake, 'notes', [{ hs_note_body: 'Rejected: bad timing', hs_timestamp: '2026-11-25T09:30:00Z' }]);
    const v4 = hub.client().crm.associations.v4;
    const spec = (id: number) => [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: id }];
    const pair = await v4.basicApi.create('notes', noteId!, 'contacts', contactId!, spec(202));
    expect(pair).toMatchObject({ fromObjectTypeId: '0-46', toObjectTypeId: '0-1' });
    expect(hub.fake.store.associations('contacts', contactId!, 'notes')).toEqual([{ toId: noteId, typeIds: [201] }]);
    await expect(v4.basicApi.create('notes', noteId!, 'contacts', contactId!, spec(279))).rejects.toMatchObject({ code: 400 });
  });
});
