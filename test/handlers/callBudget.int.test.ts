import { sql } from 'kysely';
import { DEFAULT_CALL_LIMITS, LedgerCallBudget, MemoryCallBudget } from '../../src/hubspot/callBudget.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../../src/hubspot/retryPolicy.js';
import { freshLedger } from '../support/testLedger.js';

describe('one HubSpot call budget per portal', () => {
  it("learns a Starter portal's limit from a 429's headers and plans 80 % of it from then on", async () => {
    const budget = new MemoryCallBudget(DEFAULT_CALL_LIMITS);
    expect(budget.limits.call).toEqual({ calls: 152, windowMs: 10_000 });
    // HubSpot's answer to one call too many on Starter: 429, with the limit it counts against.
    let calls = 0;
    const client = {
      get: async () => {
        if (calls++ === 0) throw Object.assign(new Error('HTTP-Code: 429'), { code: 429, body: { message: 'You have reached your ten_secondly_rolling limit.' }, headers: { 'retry-after': '0', 'x-hubspot-ratelimit-max': '100', 'x-hubspot-ratelimit-interval-milliseconds': '10000' } });
        return { id: '7', properties: { name: 'Harbour' } };
      },
    };
    const crm = new HubSpotCrmGateway(client as never, { ...DEFAULT_RETRY, sleep: async () => undefined }, budget);
    expect(await crm.readCompany('7', ['name'])).toEqual({ name: 'Harbour' });
    expect(calls).toBe(2);
    expect(budget.limits.call).toEqual({ calls: 80, windowMs: 10_000 });
    // a higher limit never raises the plan (the policy's, or a lower one learnt, stands)
    budget.learn({ calls: 190, windowMs: 10_000 });
    expect(budget.limits.call).toEqual({ calls: 80, windowMs: 10_000 });
  });

  it('two instances sharing the ledger never take more than the limit in any rolling window between them', async () => {
    const ledger = await freshLedger();
    const limits = { call: { calls: 10, windowMs: 400 }, search: false as const };
    const [a, b] = [new LedgerCallBudget(ledger, limits), new LedgerCallBudget(ledger, limits)];
    // Each reservation is a call whose answer (here, without rate-limit headers) comes back at once.
    const waits = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      const budget = i % 2 ? a : b;
      const wait = await budget.reserve('call');
      budget.answered(undefined);
      return wait;
    }));
    // the first ten to take the budget's lock go at once (which ten depends on the pool's order)
    expect(waits.filter((w) => w === 0).length).toBeGreaterThanOrEqual(10);
    const { rows } = await sql<{ at_ms: number }>`select at_ms from hubspot_call_slot where kind = 'call' order by at_ms`.execute(ledger.kysely);
    const at = rows.map((r) => Number(r.at_ms));
    expect(at).toHaveLength(30);
    // any 11 consecutive slots span at least a window (with the 3 % margin the budget keeps)
    for (let i = 10; i < at.length; i++) expect(at[i]! - at[i - 10]!).toBeGreaterThanOrEqual(400);
  });
});
