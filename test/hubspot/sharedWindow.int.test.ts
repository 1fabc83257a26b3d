import { createFakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../../src/fake-hubspot/http/rateLimits.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { MemoryCallBudget } from '../../src/hubspot/callBudget.js';
import { hubspotClient } from '../../src/hubspot/hubspotClient.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../../src/hubspot/retryPolicy.js';

// HubSpot's 190 calls per 10 s belong to the whole portal, and every answer says what is left
// (X-HubSpot-RateLimit-Remaining). Another integration spends 170 of them; then Handoff bursts 60
// calls. Planned on its own 80 % share alone, it drew 429s; reading the headers, it waits for the
// window to turn instead, and draws none. (Time runs 10× faster: HubSpot's window is 1 s here.)
const SCALE = 10;

function company(fake: ReturnType<typeof createFakeHubSpot>): string {
  const check = fake.store.checkWrite('companies', { name: 'Harbour Logistics' });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return fake.store.create('companies', check.values, { sourceType: 'IMPORT' }).id;
}
const WINDOW_MS = 10_000 / SCALE;

describe("the call budget follows HubSpot's rate-limit headers", () => {
  it('another client spends most of the window, then a burst: 0 × 429 for Handoff', async () => {
    const fake = createFakeHubSpot({ rateLimits: { ...HUBSPOT_LIMITS.professional, timeScale: SCALE } });
    const hub = await serveFakeHubSpot(fake);
    try {
      const companyId = company(fake);
      const budget = new MemoryCallBudget({ call: { calls: 152, windowMs: WINDOW_MS }, search: { calls: 5, windowMs: 1000 / SCALE } });
      const crm = new HubSpotCrmGateway(hubspotClient({ accessToken: 'handoff', baseUrl: hub.url }), { ...DEFAULT_RETRY, attempts: 1 }, budget);
      // Handoff has spoken to HubSpot before (its start reads the portal), then been idle for more than a window.
      await crm.readCompany(companyId, ['name']);
      await new Promise((r) => setTimeout(r, 2 * WINDOW_MS));
      // The other integration: 170 calls in a moment.
      const other = await Promise.all(Array.from({ length: 170 }, () => fetch(`${hub.url}/account-info/2026-03/details`, { headers: { authorization: 'Bearer other-integration' } })));
      expect(other.every((r) => r.status === 200)).toBe(true);
      fake.calls.reset();

      const started = Date.now();
      const read = await Promise.allSettled(Array.from({ length: 60 }, () => crm.readCompany(companyId, ['name'])));
      expect(read.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(fake.calls.count('**', 429)).toBe(0);
      expect(fake.calls.count('**', 200)).toBe(60);
      // It waited for the window to turn (about one window), not for ever.
      expect(Date.now() - started).toBeLessThan(5 * WINDOW_MS);
    } finally {
      await hub.close();
    }
  });

  it('without the headers (the old plan, its share alone), the same burst draws 429s: the test can fail', async () => {
    const fake = createFakeHubSpot({ rateLimits: { ...HUBSPOT_LIMITS.professional, timeScale: SCALE } });
    const hub = await serveFakeHubSpot(fake);
    try {
      const companyId = company(fake);
      await Promise.all(Array.from({ length: 170 }, () => fetch(`${hub.url}/account-info/2026-03/details`, { headers: { authorization: 'Bearer other-integration' } })));
      fake.calls.reset();
      const deaf = new MemoryCallBudget({ call: { calls: 152, windowMs: WINDOW_MS }, search: false }, undefined, false);
      const crm = new HubSpotCrmGateway(hubspotClient({ accessToken: 'handoff', baseUrl: hub.url }), { ...DEFAULT_RETRY, attempts: 1 }, deaf);
      await Promise.allSettled(Array.from({ length: 60 }, () => crm.readCompany(companyId, ['name'])));
      expect(fake.calls.count('**', 429)).toBeGreaterThan(0);
    } finally {
      await hub.close();
    }
  });

  // HubSpot's daily limit (650,000 a day on Professional): a 429 whose policyName is DAILY parks
  // every HubSpot call of Handoff's until the portal's day resets (its midnight), without asking HubSpot again.
  it('a DAILY 429 parks Handoff until the portal\'s midnight: the next calls are refused without asking HubSpot', async () => {
    const fake = createFakeHubSpot({ rateLimits: { tenSecondly: 190, searchPerSecond: 5, daily: 3, timeScale: 1 } });
    const served = await serveFakeHubSpot(fake);
    try {
      const check = fake.store.checkWrite('companies', { name: 'Harbour Logistics' });
      if (!check.ok) throw new Error('bad company');
      const companyId = fake.store.create('companies', check.values, { sourceType: 'IMPORT' }).id;
      const budget = new MemoryCallBudget({ call: { calls: 152, windowMs: 10_000 }, search: false });
      const crm = new HubSpotCrmGateway(hubspotClient({ accessToken: 'handoff', baseUrl: served.url }), { ...DEFAULT_RETRY, sleep: async () => undefined }, budget);
      crm.timeZone = 'Europe/Dublin';
      for (let i = 0; i < 3; i++) await crm.readCompany(companyId, ['name']);
      await expect(crm.readCompany(companyId, ['name'])).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      const until = budget.parkedUntil!;
      expect(until.getTime()).toBeGreaterThan(Date.now());
      // Midnight in Dublin, within the next day.
      expect(until.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
      expect(new Intl.DateTimeFormat('en-IE', { timeZone: 'Europe/Dublin', hour: '2-digit', minute: '2-digit', hour12: false }).format(until)).toBe('00:00');
      fake.calls.reset();
      const refused = await crm.readCompany(companyId, ['name']).catch((e: unknown) => e as { code: string; message: string; retryAfterMs: number });
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining("HubSpot's daily API limit for this portal is reached") });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(fake.calls.count()).toBe(0);
    } finally {
      await served.close();
    }
  });

});
