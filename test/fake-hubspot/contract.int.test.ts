import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedOwner } from '../support/fakeHubSpotFixtures.js';
import { CONTRACT_AVAILABLE, OPENAPI_DIR } from '../support/hubspotContract.js';

// Only the contract assertions skip on a bare clone (no HubSpot documents beside it).
const contractIt = CONTRACT_AVAILABLE ? it : it.skip;

const hub = useFakeHubSpot();

/**
 * Drives every route the fake serves through @hubspot/api-client, success and error paths.
 * The harness validates each request and response against HubSpot's own OpenAPI documents
 * (openapi-backend + ajv) and fails the test on any violation; this test also checks that
 * every operation was reached, so a route cannot escape the contract by not being called.
 */
describe(`fake HubSpot honours HubSpot's OpenAPI documents (${OPENAPI_DIR})`, () => {
  contractIt('every route, success and error responses, validates', async () => {
    seedOwner(hub.fake, { id: '101', email: 'siobhan@example.ie' });
    seedOwner(hub.fake, { id: '150', email: 'gone@example.ie', archived: true });
    const c = hub.client();
    const hs = AssociationSpecAssociationCategoryEnum.HubspotDefined;
    const settle = (p: Promise<unknown>) => p.catch(() => undefined);

    // Properties and groups
    await c.crm.properties.groupsApi.create('contacts', { name: 'handoff', label: 'Handoff' });
    await c.crm.properties.groupsApi.getAll('contacts');
    await c.crm.properties.groupsApi.getByName('contacts', 'handoff');
    await c.crm.properties.groupsApi.update('contacts', 'handoff', { label: 'Handoff (Handoff app)' });
    const option = (value: string) => ({ label: value, value, hidden: false, displayOrder: 0 });
    await c.crm.properties.coreApi.create('contacts', { name: 'handoff_stage', label: 'Stage', type: 'enumeration', fieldType: 'select', groupName: 'handoff', options: [option('mql')] } as never);
    await c.crm.properties.batchApi.create('contacts', { inputs: [{ name: 'handoff_policy_version', label: 'Policy version', type: 'string', fieldType: 'text', groupName: 'handoff' }] } as never);
    await c.crm.properties.coreApi.update('contacts', 'handoff_stage', { options: [option('mql'), option('routed')] });
    await c.crm.properties.coreApi.getByName('contacts', 'handoff_stage');
    await c.crm.properties.coreApi.getAll('contacts');
    // The api-client's model drops dataSensitivity, which the published schema requires; send it raw.
    await c.apiRequest({ method: 'POST', path: '/crm/v3/properties/contacts/batch/read', body: { inputs: [{ name: 'handoff_stage' }, { name: 'nope' }], archived: false, dataSensitivity: 'non_sensitive' } });
    await settle(c.crm.properties.coreApi.getByName('contacts', 'nope'));
    await c.crm.properties.coreApi.archive('contacts', 'handoff_policy_version');
    await c.crm.properties.groupsApi.create('deals', { name: 'spare', label: 'Spare' });
    await c.crm.properties.groupsApi.archive('deals', 'spare');

    // Objects: single, batch, search, errors
    const company = await c.crm.companies.basicApi.create({ properties: { name: 'Acme', domain: 'acme.ie', numberofemployees: '300' }, associations: [] });
    const contact = await c.crm.contacts.basicApi.create({
      properties: { email: 'aoife@acme.ie', lifecyclestage: 'marketingqualifiedlead', hubspot_owner_id: '101', handoff_stage: 'mql' },
      associations: [{ to: { id: company.id }, types: [{ associationCategory: hs, associationTypeId: 279 }] }],
    });
    await c.crm.contacts.basicApi.getById(contact.id, ['email', 'handoff_stage'], ['handoff_stage'], ['companies']);
    await c.crm.contacts.basicApi.update(contact.id, { properties: { handoff_stage: 'routed' } });
    await c.crm.contacts.basicApi.getPage(10, undefined, ['email']);
    await settle(c.crm.contacts.basicApi.update(contact.id, { properties: { handoff_stage: 'nope' } }));
    await settle(c.crm.contacts.basicApi.create({ properties: { email: 'AOIFE@acme.ie' }, associations: [] }));
    await settle(c.crm.contacts.basicApi.getById('999999'));
    const batch = await c.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'b@acme.ie' }, associations: [] }, { properties: { email: 'c@acme.ie' }, associations: [] }] });
    const ids = batch.results.map((r) => r.id);
    await c.crm.contacts.batchApi.read({ inputs: [...ids, '999999'].map((id) => ({ id })), properties: ['email'], propertiesWithHistory: ['email'] });
    await c.crm.contacts.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { hs_lead_status: 'OPEN' } })) });
    await c.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN' as never, value: '*@acme.ie' }] }], sorts: ['-createdate'], properties: ['email'], limit: 2, after: '0' });
    await settle(c.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 500, after: '0' }));
    await c.crm.contacts.batchApi.archive({ inputs: [{ id: ids[1]! }] });
    await c.crm.contacts.basicApi.archive(ids[0]!);
    const deal = await c.crm.deals.basicApi.create({ properties: { dealname: 'Acme renewal', amount: '5000', dealstage: 'appointmentscheduled', pipeline: 'default' }, associations: [] });
    const note = await c.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'Rejected: bad timing', hs_timestamp: '2026-11-25T09:30:00Z' }, associations: [] });
    const task = await c.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: 'Call Aoife', hs_timestamp: '2026-11-25T10:30:00Z', hs_task_status: 'NOT_STARTED' }, associations: [] });
    await c.crm.objects.tasks.basicApi.update(task.id, { properties: { hs_task_status: 'COMPLETED' } });
    await c.crm.objects.basicApi.getById('deals', deal.id, ['dealname']);
    await c.crm.objects.searchApi.doSearch('tasks', { filterGroups: [], sorts: [], properties: ['hs_task_status'], limit: 10, after: '0' });

    // Associations v4
    const v4 = c.crm.associations.v4;
    await v4.basicApi.createDefault('deals', deal.id, 'contacts', contact.id);
    await v4.basicApi.create('notes', note.id, 'contacts', contact.id, [{ associationCategory: hs, associationTypeId: 202 }]);
    await v4.basicApi.getPage('contacts', contact.id, 'companies');
    await v4.batchApi.getPage('contacts', 'deals', { inputs: [{ id: contact.id }, { id: '999999' }] });
    await v4.batchApi.create('tasks', 'contacts', { inputs: [{ _from: { id: task.id }, to: { id: contact.id }, types: [{ associationCategory: hs, associationTypeId: 204 }] }] });
    await v4.batchApi.createDefault('companies', 'deals', { inputs: [{ _from: { id: company.id }, to: { id: deal.id } }] });
    await v4.batchApi.archive('tasks', 'contacts', { inputs: [{ _from: { id: task.id }, to: [{ id: contact.id }] }] });
    await v4.basicApi.archive('deals', deal.id, 'contacts', contact.id);

    // Owners
    await c.crm.owners.ownersApi.getPage();
    await c.crm.owners.ownersApi.getPage(undefined, undefined, undefined, true);
    await c.crm.owners.ownersApi.getById(101);
    await settle(c.crm.owners.ownersApi.getById(150));

    // Every operation the fake serves, matched in HubSpot's documents (document:operationId).
    expect([...hub.contract.covered].sort()).toEqual([
      'associations:delete-/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}_archive',
      'associations:get-/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}_getPage',
      'associations:post-/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/archive_archive',
      'associations:post-/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default_createDefault',
      'associations:post-/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create_create',
      'associations:post-/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read_getPage',
      'associations:put-/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}_createDefault',
      'associations:put-/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}_create',
      'companies:post-/crm/v3/objects/companies_create',
      'contacts:delete-/crm/v3/objects/contacts/{contactId}_archive',
      'contacts:get-/crm/v3/objects/contacts/{contactId}_getById',
      'contacts:get-/crm/v3/objects/contacts_getPage',
      'contacts:patch-/crm/v3/objects/contacts/{contactId}_update',
      'contacts:post-/crm/v3/objects/contacts/batch/archive_archive',
      'contacts:post-/crm/v3/objects/contacts/batch/create_create',
      'contacts:post-/crm/v3/objects/contacts/batch/read_read',
      'contacts:post-/crm/v3/objects/contacts/batch/update_update',
      'contacts:post-/crm/v3/objects/contacts/search_doSearch',
      'contacts:post-/crm/v3/objects/contacts_create',
      'crmOwners:get-/crm/v3/owners/{ownerId}_getById',
      'crmOwners:get-/crm/v3/owners_/crm/v3/owners',
      'notes:post-/crm/v3/objects/notes_create',
      'objects:get-/crm/v3/objects/{objectType}/{objectId}_getById',
      'objects:post-/crm/v3/objects/{objectType}_create',
      'properties:delete-/crm/v3/properties/{objectType}/groups/{groupName}_archive',
      'properties:delete-/crm/v3/properties/{objectType}/{propertyName}_archive',
      'properties:get-/crm/v3/properties/{objectType}/groups/{groupName}_getByName',
      'properties:get-/crm/v3/properties/{objectType}/groups_getAll',
      'properties:get-/crm/v3/properties/{objectType}/{propertyName}_getByName',
      'properties:get-/crm/v3/properties/{objectType}_getAll',
      'properties:patch-/crm/v3/properties/{objectType}/groups/{groupName}_update',
      'properties:patch-/crm/v3/properties/{objectType}/{propertyName}_update',
      'properties:post-/crm/v3/properties/{objectType}/batch/create_create',
      'properties:post-/crm/v3/properties/{objectType}/batch/read_read',
      'properties:post-/crm/v3/properties/{objectType}/groups_create',
      'properties:post-/crm/v3/properties/{objectType}_create',
      'tasks:patch-/crm/v3/objects/tasks/{taskId}_update',
      'tasks:post-/crm/v3/objects/tasks/search_doSearch',
      'tasks:post-/crm/v3/objects/tasks_create',
    ]);
  });

  contractIt('the validator itself catches a response or request that breaks the contract', async () => {
    const response = hub.contract.check({
      method: 'GET',
      url: 'https://api.hubapi.com/crm/v3/objects/contacts/1',
      route: 'GET /crm/v3/objects/contacts/{id}',
      requestBody: '',
      status: 200,
      responseBody: JSON.stringify({ id: 1, properties: { email: null }, archived: false }),
      contentType: 'application/json',
    });
    expect(response.flatMap((v) => v.errors).join('\n')).toMatch(/must have required property 'createdAt'|\/id must be string|\/properties\/email must be string/);
    const request = hub.contract.check({
      method: 'POST',
      url: 'https://api.hubapi.com/crm/v3/objects/contacts/batch/read',
      route: 'POST /crm/v3/objects/contacts/batch/read',
      requestBody: JSON.stringify({ inputs: [{ id: '1' }] }),
      status: 200,
      responseBody: JSON.stringify({ status: 'COMPLETE', results: [], startedAt: '2026-11-25T09:30:00.000Z', completedAt: '2026-11-25T09:30:00.000Z' }),
      contentType: 'application/json',
    });
    expect(request).toEqual([expect.objectContaining({ where: 'request', errors: expect.arrayContaining([expect.stringMatching(/required property 'properties'/)]) })]);
  });
});
