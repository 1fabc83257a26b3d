import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';

const hub = useFakeHubSpot();

const stage = (options: string[]) => ({
  name: 'handoff_stage',
  label: 'Handoff stage',
  type: 'enumeration' as const,
  fieldType: 'select' as const,
  groupName: 'handoff',
  options: options.map((value, i) => ({ label: value, value, hidden: false, displayOrder: i })),
});

describe('fake HubSpot: properties v3', () => {
  it('creates a group and an enumeration property, then validates values against its options', async () => {
    const client = hub.client();
    await client.crm.properties.groupsApi.create('contacts', { name: 'handoff', label: 'Handoff' });
    const created = await client.crm.properties.coreApi.create('contacts', stage(['mql', 'routed']) as never);
    expect(created).toMatchObject({ name: 'handoff_stage', groupName: 'handoff', hubspotDefined: false, options: [{ value: 'mql' }, { value: 'routed' }] });
    const { id } = await client.crm.contacts.basicApi.create({ properties: { handoff_stage: 'mql' }, associations: [] });
    await expect(client.crm.contacts.basicApi.update(id, { properties: { handoff_stage: 'accepted' } })).rejects.toMatchObject({ code: 400 });
    // Adding the option makes the value valid; existing values are kept.
    await client.crm.properties.coreApi.update('contacts', 'handoff_stage', { options: stage(['mql', 'routed', 'accepted']).options });
    await client.crm.contacts.basicApi.update(id, { properties: { handoff_stage: 'accepted' } });
    const read = await client.crm.contacts.basicApi.getById(id, ['handoff_stage'], ['handoff_stage']);
    expect(read.propertiesWithHistory!.handoff_stage!.map((h) => h.value)).toEqual(['accepted', 'mql']);
  });

  it('answers 409 for a property or group that already exists', async () => {
    const client = hub.client();
    await client.crm.properties.groupsApi.create('contacts', { name: 'handoff', label: 'Handoff' });
    await expect(client.crm.properties.groupsApi.create('contacts', { name: 'handoff', label: 'Handoff' })).rejects.toMatchObject({ code: 409 });
    await client.crm.properties.coreApi.create('contacts', stage(['mql']) as never);
    await expect(client.crm.properties.coreApi.create('contacts', stage(['mql']) as never)).rejects.toMatchObject({
      code: 409,
      body: { category: 'OBJECT_ALREADY_EXISTS', message: "Property named 'handoff_stage' already exists." },
    });
  });

  it('answers 404 for an unknown property and 400 for a property in a group that does not exist', async () => {
    const client = hub.client();
    await expect(client.crm.properties.coreApi.getByName('contacts', 'handoff_stage')).rejects.toMatchObject({ code: 404, body: { category: 'OBJECT_NOT_FOUND' } });
    await expect(client.crm.properties.coreApi.create('contacts', stage(['mql']) as never)).rejects.toMatchObject({ code: 404 });
  });

  it('checks bool and date values on custom properties', async () => {
    const client = hub.client();
    await client.crm.properties.groupsApi.create('contacts', { name: 'handoff', label: 'Handoff' });
    await client.crm.properties.coreApi.create('contacts', { name: 'handoff_sla_met', label: 'SLA met', type: 'bool', fieldType: 'booleancheckbox', groupName: 'handoff', options: [] } as never);
    await client.crm.properties.coreApi.create('contacts', { name: 'handoff_recycle_on', label: 'Recycle on', type: 'date', fieldType: 'date', groupName: 'handoff' } as never);
    const { id } = await client.crm.contacts.basicApi.create({ properties: { handoff_sla_met: 'TRUE', handoff_recycle_on: '2026-12-09' }, associations: [] });
    expect((await client.crm.contacts.basicApi.getById(id, ['handoff_sla_met', 'handoff_recycle_on'])).properties).toMatchObject({ handoff_sla_met: 'true', handoff_recycle_on: '2026-12-09' });
    await expect(client.crm.contacts.basicApi.update(id, { properties: { handoff_sla_met: 'yes' } })).rejects.toMatchObject({ code: 400 });
    await expect(client.crm.contacts.basicApi.update(id, { properties: { handoff_recycle_on: '2026-12-09T10:00:00Z' } })).rejects.toMatchObject({ code: 400 });
  });

  it('lists HubSpot-defined properties with read-only values marked', async () => {
    const all = await hub.client().crm.properties.coreApi.getAll('contacts');
    const lastContacted = all.results.find((p) => p.name === 'notes_last_contacted')!;
    expect(lastContacted).toMatchObject({ type: 'datetime', hubspotDefined: true, modificationMetadata: { readOnlyValue: true } });
    expect(all.results.find((p) => p.name === 'lifecyclestage')!.options.map((o) => o.value)).toContain('marketingqualifiedlead');
  });
});
