import autocannon from 'autocannon';
import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { seedDemoPortal } from '../src/fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { signV2 } from '../src/server/signature.js';
import { startServer } from '../src/server/startServer.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { DEMO_ACCOUNT } from '../src/fake-hubspot/crm/portalSettings.js';

export interface LatencyScenario {
  requests: number;
  connections: number;
  /** Requests a second in all (autocannon's overallRate); unset: as fast as the connections go. */
  rate?: number;
}

export interface LatencyResult extends LatencyScenario {
  /** Percentiles of the responses' own times (nearest rank over every response), ms. */
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * At a fixed rate: p95 with coordinated omission corrected (a response slower than the request
   * interval also counts, for each interval it held the connection, the request that had to wait:
   * HdrHistogram's recordValueWithExpectedInterval with the interval the rate sets).
   */
  p95Corrected?: number;
  errors: number;
  non2xx: number;
  rps: number;
}

/**
 * "Route lead" workflow actions against the Handoff server over loopback, signed as HubSpot signs
 * them, each for a different seeded contact; the server talks to the fake HubSpot over HTTP.
 * A fixed number of requests at a bounded concurrency: it stops by itself.
 */
export async function latencyBench(policy: HandoffPolicy, scenarios: LatencyScenario[]): Promise<LatencyResult[]> {
  const requests = scenarios.reduce((n, s) => n + s.requests, 0);
  const now = Date.parse('2026-11-25T10:00:00Z');
  const fake = createFakeHubSpot({ rateLimits: false, now: () => now });
  const seeded = seedDemoPortal(fake.store, { seed: 9, now, contacts: Math.max(50, requests), companies: 40 });
  const hub = await serveFakeHubSpot(fake);
  const client = hubspotClient({ accessToken: 'bench', baseUrl: hub.url });
  await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
  const secret = 'bench-secret';
  const ledger = await openLedger({ dataDir: 'memory' });
  const server = await startServer({ policy, hubspot: { accessToken: 'bench', baseUrl: hub.url }, clientSecret: secret, ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now) });
  const ids = seeded.truth.map((t) => t.contactId);
  let i = 0;
  try {
    const url = `${server.url}/hubspot/actions/route-lead`;
    const results: LatencyResult[] = [];
    for (const { requests, connections, rate } of scenarios) {
      const options: autocannon.Options = {
        // percentiles are computed below from every response (autocannon's own correction at a
        // fixed rate assumes a 1 ms interval, which fills the histogram with made-up samples)
        url,
        connections,
        amount: requests,
        ...(rate ? { overallRate: rate, ignoreCoordinatedOmission: true } : {}),
        method: 'POST',
        requests: [
          {
            setupRequest: (req) => {
              const body = JSON.stringify({ callbackId: `cb-${i}`, origin: { portalId: DEMO_ACCOUNT.portalId }, context: { workflowId: 42 }, object: { objectId: ids[i++ % ids.length], objectType: 'CONTACT' }, inputFields: {} });
              return { ...req, body, headers: { 'content-type': 'application/json', 'x-hubspot-signature': signV2(secret, 'POST', url, body), 'x-hubspot-signature-version': 'v2' } };
            },
          },
        ],
      };
      const times: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(options, (err, r) => (err ? reject(err) : resolve(r)));
        instance.on('response', (_client, _status, _bytes, responseTime: number) => times.push(responseTime));
      });
      const intervalMs = rate ? (1000 * connections) / rate : undefined;
      results.push({
        requests: result.requests.total,
        connections,
        ...(rate ? { rate } : {}),
        p50: nearestRank(times, 0.5),
        p90: nearestRank(times, 0.9),
        p95: nearestRank(times, 0.95),
        p99: nearestRank(times, 0.99),
        max: Math.round(Math.max(...times)),
        ...(intervalMs ? { p95Corrected: nearestRank(withWaitingRequests(times, intervalMs), 0.95) } : {}),
        errors: result.errors,
        non2xx: result.non2xx,
        rps: Math.round(result.requests.average),
      });
    }
    return results;
  } finally {
    await server.close();
    await ledger.close();
    await hub.close();
  }
}

/** The nearest-rank percentile: the smallest time that at least `q` of the responses took no longer than. */
export function nearestRank(times: number[], q: number): number {
  if (times.length === 0) return Number.NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!);
}

/**
 * Coordinated omission, corrected as HdrHistogram's recordValueWithExpectedInterval does: a
 * response that took `t` > interval held back the requests due meanwhile, which would have
 * waited t − interval, t − 2·interval, …; those are counted too.
 */
export function withWaitingRequests(times: number[], intervalMs: number): number[] {
  const all: number[] = [];
  for (const t of times) {
    all.push(t);
    for (let waited = t - intervalMs; waited >= intervalMs; waited -= intervalMs) all.push(waited);
  }
  return all;
}
