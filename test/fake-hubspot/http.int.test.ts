import { Client } from '@hubspot/api-client';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';

// The same fake over real HTTP on loopback, as the local portal and the benchmarks use it.
describe('fake HubSpot over HTTP', () => {
  let fake: FakeHubSpot;
  let running: RunningFake;

  beforeEach(async () => {
    fake = createFakeHubSpot({ rateLimits: false, now: () => Date.parse('2026-11-25T09:30:00Z') });
    running = await serveFakeHubSpot(fake);
  });
  afterEach(() => running.close());

  it('serves @hubspot/api-client with basePath on a free port', async () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Client({ accessToken: 'pat-local', basePath: running.url });
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'aoife@example.ie' }, associations: [] });
    const read = await client.crm.contacts.basicApi.getById(created.id, ['email']);
    expect(read.properties.email).toBe('aoife@example.ie');
  });

  it('is driven through its /__fake control routes: faults, calls and a logged sales activity', async () => {
    const control = (path: string, init?: RequestInit) => fetch(`${running.url}/__fake${path}`, { headers: { 'content-type': 'application/json' }, ...init });
    const client = new Client({ accessToken: 'pat-local', basePath: running.url });
    const { id } = await client.crm.contacts.basicApi.create({ properties: { email: 'aoife@example.ie' }, associations: [] });

    const bad = await control('/faults', { method: 'POST', body: JSON.stringify({ rules: [{ kind: 'server-error', rate: 2 }] }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^Invalid input: rules\[0\]\.rate: .*\(got 2\)$/);

    await control('/faults', { method: 'POST', body: JSON.stringify({ rules: [{ route: 'GET /crm/v3/objects/contacts/{id}', kind: 'server-error', status: 503, times: 1 }] }) });
    await expect(client.crm.contacts.basicApi.getById(id)).rejects.toMatchObject({ code: 503 });

    const logged = await control(`/contacts/${id}/activity`, { method: 'POST', body: JSON.stringify({ at: '2026-11-25T10:05:00Z' }) });
    expect(await logged.json()).toEqual({ id, notes_last_contacted: '2026-11-25T10:05:00.000Z' });
    const read = await client.crm.contacts.basicApi.getById(id, ['notes_last_contacted', 'num_contacted_notes']);
    expect(read.properties).toMatchObject({ notes_last_contacted: '2026-11-25T10:05:00.000Z', num_contacted_notes: '1' });

    const calls = await (await control('/calls')).json();
    expect(calls).toEqual({
      total: 3,
      byRoute: { 'POST /crm/v3/objects/contacts': 1, 'GET /crm/v3/objects/contacts/{id}': 2 },
      byStatus: { '201': 1, '503': 1, '200': 1 },
    });
  });
});
