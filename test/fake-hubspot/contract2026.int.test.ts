import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { applyHandoffSetup, leadMirrorConflicts, planHandoffSetup } from '../../src/hubspot/setup.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { CONTRACT_AVAILABLE } from '../support/hubspotContract.js';
import { corkDemoRequest, instantRetry, seedLead } from '../support/handoffPortal.js';
import { defaultPolicy } from '../support/policyFixtures.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';

const contractIt = CONTRACT_AVAILABLE ? it : it.skip;
const hub = useFakeHubSpot();

/**
 * Every call Handoff's own client makes, on the date-based 2026-03 paths, matched to an operation
 * in HubSpot's 2026-03 documents (../shared/hubspot-openapi/2026-03/) and validated, request and
 * response, success and error; the harness fails the test on any violation. The list below is
 * what Handoff calls: a new call must be matched here too.
 */
describe("Handoff's calls validate against HubSpot's 2026-03 documents", () => {
  contractIt('every gateway and setup call, Leads and pipelines among them', async () => {
    for (const owner of DEMO_OWNERS) hub.fake.store.putOwner({ ...owner });
    const api = hub.api();
    const policy = defaultPolicy();
    await applyHandoffSetup(api, await planHandoffSetup(api, policy), () => undefined);
    expect(await leadMirrorConflicts(api, policy)).toEqual([]);
    const crm = new HubSpotCrmGateway(api, instantRetry());
    const { contactId, companyId } = seedLead(hub, corkDemoRequest());
    const settle = (p: Promise<unknown>) => p.catch(() => undefined);

    await crm.readContact(contactId, { properties: ['email', 'country'], history: ['notes_last_contacted'], associations: ['companies'] });
    await crm.readContacts([contactId, '999999'], { properties: ['email'], history: ['hs_lead_status'] });
    await crm.readCompany(companyId!, ['name']);
    await crm.companyIdsOf([contactId]);
    await crm.readCompanies([companyId!], ['name']);
    await crm.accountDetails();
    await crm.companiesPage(undefined, ['name', 'domain', 'website', 'num_associated_contacts']);
    await crm.companyRecords([companyId!], ['name', 'domain']);
    await crm.searchContactsFirstPage([{ property: 'country', op: 'EQ', value: 'Ireland' }], ['email']);
    await crm.propertyOptions('contacts', 'lifecyclestage');
    await crm.hasContactProperty('handoff_stage');
    await crm.hasContactProperty('nope');
    await crm.updateContact(contactId, { hs_lead_status: 'OPEN' });
    await settle(crm.updateContact(contactId, { hs_lead_status: 'NOT_AN_OPTION' }));
    await crm.updateContacts([{ contactId, properties: { hs_lead_status: 'IN_PROGRESS' } }]);
    const due = new Date('2026-11-25T10:30:00Z');
    const taskId = await crm.createTask({ contactId, ownerId: '102', subject: 'Call Deirdre', body: 'New MQL', dueAt: due, priority: 'HIGH' });
    await crm.createTasks([
      { contactId, ownerId: '102', subject: 'A', body: 'a', dueAt: due, priority: 'LOW' },
      { contactId, ownerId: '103', subject: 'B', body: 'b', dueAt: due, priority: 'LOW' },
    ]);
    await crm.completeTask(taskId, 'Done');
    await crm.createNote(contactId, 'Rejected: bad timing', due);
    const [dealId] = seedRecords(hub.fake, 'deals', [{ dealname: 'Harbour pilot' }]);
    hub.fake.store.associate('deals', dealId!, 'contacts', contactId, 3);
    await crm.readDeal(dealId!, ['dealname']);
    await crm.readDeals([dealId!], ['amount']);
    await crm.updateDeal(dealId!, { handoff_source_contact_id: contactId });
    const leadId = await crm.createLead({ contactId, companyId: companyId!, name: 'Deirdre Nolan', ownerId: '102', pipelineId: 'lead-pipeline-id', stageId: 'new-stage-id' });
    await crm.leadsOfContact(contactId);
    await crm.readLead(leadId);
    await crm.updateLead(leadId, { hs_pipeline_stage: 'connected-stage-id' });
    await crm.leadPipeline('lead-pipeline-id');
    await crm.leadPipeline('no-such-pipeline');
    await crm.propertyOptions('leads', 'hs_lead_disqualification_reason');
    await settle(crm.readContact('999999', { properties: ['email'] }));
    // Owners: Handoff reads none (the policy's people carry their owner ids), but the fake serves them dated too.
    await api.get('/crm/owners/2026-03', { limit: 10 });
    await api.get('/crm/owners/2026-03/101');

    const dated = [...hub.contract.covered].filter((k) => k.startsWith('2026-03/')).sort();
    // (HubSpot's 2026-03 documents keep some operationIds from 2025-09.)
    expect(dated).toEqual([
      '2026-03/accountInfo:get-/account-info/2026-03/details_/account-info/2025-09/details',
      '2026-03/associations:get-/crm/objects/2026-03/{objectType}/{objectId}/associations/{toObjectType}_/crm/objects/2025-09/{objectType}/{objectId}/associations/{toObjectType}',
      '2026-03/associations:post-/crm/associations/2026-03/{fromObjectType}/{toObjectType}/batch/read_/crm/associations/2025-09/{fromObjectType}/{toObjectType}/batch/read',
      '2026-03/companies:get-/crm/objects/2026-03/companies/{companyId}_getById',
      '2026-03/companies:get-/crm/objects/2026-03/companies_getPage',
      '2026-03/companies:post-/crm/objects/2026-03/companies/batch/read_read',
      '2026-03/contacts:get-/crm/objects/2026-03/contacts/{contactId}_getById',
      '2026-03/contacts:patch-/crm/objects/2026-03/contacts/{contactId}_update',
      '2026-03/contacts:post-/crm/objects/2026-03/contacts/batch/read_read',
      '2026-03/contacts:post-/crm/objects/2026-03/contacts/batch/update_update',
      '2026-03/contacts:post-/crm/objects/2026-03/contacts/search_doSearch',
      '2026-03/crmOwners:get-/crm/owners/2026-03/{ownerId}_getById',
      '2026-03/crmOwners:get-/crm/owners/2026-03_/crm/owners/v3',
      '2026-03/deals:get-/crm/objects/2026-03/0-3/{dealId}_getById',
      '2026-03/deals:patch-/crm/objects/2026-03/0-3/{dealId}_update',
      '2026-03/deals:post-/crm/objects/2026-03/0-3/batch/read_read',
      '2026-03/leads:get-/crm/objects/2026-03/leads/{leadsId}_getById',
      '2026-03/leads:patch-/crm/objects/2026-03/leads/{leadsId}_update',
      '2026-03/leads:post-/crm/objects/2026-03/leads/batch/read_read',
      '2026-03/leads:post-/crm/objects/2026-03/leads_create',
      '2026-03/notes:post-/crm/objects/2026-03/notes_create',
      '2026-03/pipelines:get-/crm/pipelines/2026-03/{objectType}/{pipelineId}_getById',
      '2026-03/properties:get-/crm/properties/2026-03/{objectType}/groups_/crm/properties/2025-09/{objectType}/groups',
      '2026-03/properties:get-/crm/properties/2026-03/{objectType}/{propertyName}_/crm/properties/2025-09/{objectType}/{propertyName}',
      '2026-03/properties:get-/crm/properties/2026-03/{objectType}_/crm/properties/2025-09/{objectType}',
      '2026-03/properties:post-/crm/properties/2026-03/{objectType}/groups_/crm/properties/2025-09/{objectType}/groups',
      '2026-03/properties:post-/crm/properties/2026-03/{objectType}_/crm/properties/2025-09/{objectType}',
      '2026-03/tasks:patch-/crm/objects/2026-03/tasks/{taskId}_update',
      '2026-03/tasks:post-/crm/objects/2026-03/tasks/batch/create_create',
      '2026-03/tasks:post-/crm/objects/2026-03/tasks_create',
    ]);
    // And nothing on a numbered path.
    expect([...hub.contract.covered].filter((k) => !k.startsWith('2026-03/'))).toEqual([]);
  });
});
