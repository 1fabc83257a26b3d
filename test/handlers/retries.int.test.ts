import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { instantRetry } from '../support/handoffPortal.js';
import { seedOwner } from '../support/fakeHubSpotFixtures.js';

const hub = useFakeHubSpot();

describe('the gateway retries what is safe to retry', () => {
  it('retries a read after 429s, waiting what Retry-After says', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'rate-limit', times: 2, retryAfterSeconds: 3 });
    const waits: number[] = [];
    const crm = new HubSpotCrmGateway(hub.api(), instantRetry(waits));
    const contact = await crm.readContact(id!, { properties: ['email'] });
    expect(contact.properties.email).toBe('a@example.ie');
    expect(waits).toEqual([3000, 3000]);
    expect(hub.fake.calls.list().map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('never retries a create after a 5xx (it may have been done), but does after a 429 (it was refused)', async () => {
    const [contactId] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    seedOwner(hub.fake, { id: '101' });
    const crm = new HubSpotCrmGateway(hub.api(), instantRetry());
    const task = { contactId: contactId!, ownerId: '101', subject: 'Call', body: '', dueAt: new Date('2026-11-25T10:30:00Z'), priority: 'HIGH' as const };
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/tasks', kind: 'server-error', status: 502, times: 1 });
    await expect(crm.createTask(task)).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 502 });
    expect(hub.fake.calls.count('POST /crm/objects/2026-03/tasks')).toBe(1);
    hub.fake.faults.inject({ route: 'POST /crm/objects/2026-03/tasks', kind: 'rate-limit', times: 1 });
    await crm.createTask(task);
    expect(hub.fake.calls.list().filter((c) => c.route === 'POST /crm/objects/2026-03/tasks').map((c) => c.status)).toEqual([502, 429, 201]);
    expect(hub.fake.store.count('tasks')).toBe(1);
  });

  it('gives up inside its time budget with the typed error', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'rate-limit', times: 10, retryAfterSeconds: 10 });
    const crm = new HubSpotCrmGateway(hub.api(), { ...instantRetry(), budgetMs: 15_000 });
    await expect(crm.readContact(id!, { properties: [] })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 10_000 });
    expect(hub.fake.calls.count()).toBe(2); // waiting a second 10 s would pass the 15 s budget
  });
});
