import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { apiFailure, seedRecords } from '../support/fakeHubSpotFixtures.js';

// HubSpot's real limits, with time running 1000x faster so a window of 10 s lasts 10 ms.
const hub = useFakeHubSpot({ rateLimits: { tenSecondly: 5, searchPerSecond: 2, daily: 1_000, timeScale: 1_000 } });


beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // the api-client logs each retry
});
afterEach(() => jest.restoreAllMocks());

describe('fake HubSpot: rate limits', () => {
  // Real time here: six calls in a row fit easily inside one ten-second (or one-second) window.
  beforeEach(() => hub.fake.limits.configure({ tenSecondly: 5, searchPerSecond: 2, daily: 1_000, timeScale: 1 }));

  it('answers the call past the ten-second window with 429 TEN_SECONDLY_ROLLING, headers and Retry-After', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    const client = hub.client();
    for (let i = 0; i < 5; i++) await client.crm.contacts.basicApi.getById(id!);
    const e = await apiFailure(client.crm.contacts.basicApi.getById(id!));
    expect(e.code).toBe(429);
    expect(e.body).toMatchObject({ category: 'RATE_LIMITS', message: 'You have reached your ten_secondly_rolling limit.' });
    expect(Number(e.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(e.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(hub.fake.calls.count('GET /crm/v3/objects/contacts/{id}', 429)).toBe(1);
  });

  it('limits search separately, per second, with the message the api-client retries on', async () => {
    const client = hub.client();
    const search = () => client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 1, after: '0' });
    await search();
    await search();
    const e = await apiFailure(search());
    expect(e.code).toBe(429);
    expect(e.body.message).toBe('You have reached your secondly limit.');
  });

  it('sends rate-limit headers on every admitted call', async () => {
    const res = await hub.fake.fetch(new Request('https://api.hubapi.com/crm/v3/owners', { headers: { authorization: 'Bearer t' } }));
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('x-hubspot-ratelimit')))).toEqual({
      'x-hubspot-ratelimit-daily': '1000',
      'x-hubspot-ratelimit-daily-remaining': '999',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '5',
      'x-hubspot-ratelimit-remaining': '4',
    });
  });
});

describe('fake HubSpot: 429 bodies the @hubspot/api-client retry logic recognises', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'performance'] }));
  afterEach(() => jest.useRealTimers());

  it('an injected 429 carries policyName TEN_SECONDLY_ROLLING: the client waits 10 s and retries', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    hub.fake.faults.inject({ route: 'GET /crm/v3/objects/contacts/{id}', kind: 'rate-limit', times: 1 });
    const pending = hub.client({ numberOfApiCallRetries: 3 }).crm.contacts.basicApi.getById(id!);
    await jest.advanceTimersByTimeAsync(9_999);
    expect(hub.fake.calls.count('GET /crm/v3/objects/contacts/{id}')).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    const contact = await pending;
    expect(contact.id).toBe(id);
    expect(hub.fake.calls.list().map((c) => c.status)).toEqual([429, 200]);
  });

  it('an injected 5xx is retried after 200 ms; the client gives up after its retries', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    hub.fake.faults.inject({ route: 'GET /crm/v3/objects/contacts/*', kind: 'server-error', status: 502, times: 2 });
    const pending = hub.client({ numberOfApiCallRetries: 3 }).crm.contacts.basicApi.getById(id!);
    await jest.advanceTimersByTimeAsync(200 + 400);
    expect((await pending).id).toBe(id);
    expect(hub.fake.calls.list().map((c) => c.status)).toEqual([502, 502, 200]);
  });
});

describe('fake HubSpot: fault injection', () => {
  it('fails a chosen share of calls on a route, repeatably for a seed', async () => {
    const [id] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }]);
    hub.fake.limits.configure(false);
    const run = async () => {
      hub.fake.faults.clear(7);
      hub.fake.calls.reset();
      hub.fake.faults.inject({ route: 'GET /crm/v3/objects/contacts/{id}', kind: 'server-error', rate: 0.2 });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await hub.fake.fetch(new Request(`https://api.hubapi.com/crm/v3/objects/contacts/${id}`, { headers: { authorization: 'Bearer t' } }));
        statuses.push(res.status);
      }
      return statuses;
    };
    const first = await run();
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
    expect(await run()).toEqual(first);
  });

  it('holds a slow call for its delay (scaled with time) and then answers it', async () => {
    hub.fake.faults.inject({ route: 'GET /crm/v3/owners', kind: 'slow', delayMs: 50_000, times: 1 });
    const started = performance.now();
    const res = await hub.client().crm.owners.ownersApi.getPage();
    expect(res.results).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45); // 50 s at 1000x
  });

  it('answers a timed-out call with 504 after holding it', async () => {
    hub.fake.faults.inject({ route: 'GET /crm/v3/owners', kind: 'timeout', delayMs: 1_000, times: 1 });
    const e = await apiFailure(hub.client().crm.owners.ownersApi.getPage());
    expect(e.code).toBe(504);
    expect(e.body.category).toBe('GATEWAY_TIMEOUT');
  });

  it('refuses a fault rule with a bad field, naming it', () => {
    expect(() => hub.fake.faults.inject({ kind: 'server-error', rate: 1.5 })).toThrow(/rate/);
  });
});

describe('fake HubSpot: authentication and the call counter', () => {
  it('answers a call without a bearer token with 401 INVALID_AUTHENTICATION', async () => {
    const res = await hub.fake.fetch(new Request('https://api.hubapi.com/crm/v3/owners'));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
  });

  it('counts calls by route and status, with globs', async () => {
    const client = hub.client();
    hub.fake.limits.configure(false);
    const [a, b] = seedRecords(hub.fake, 'contacts', [{ email: 'a@example.ie' }, { email: 'b@example.ie' }]);
    await client.crm.contacts.basicApi.getById(a!);
    await client.crm.contacts.basicApi.getById(b!);
    await client.crm.contacts.batchApi.read({ inputs: [{ id: a! }], properties: [], propertiesWithHistory: [] });
    expect(hub.fake.calls.byRoute()).toEqual({ 'GET /crm/v3/objects/contacts/{id}': 2, 'POST /crm/v3/objects/contacts/batch/read': 1 });
    expect(hub.fake.calls.count('POST /crm/v3/objects/*/batch/*')).toBe(1);
    expect(hub.fake.calls.count()).toBe(3);
  });
});
