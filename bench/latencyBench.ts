import autocannon from 'autocannon';
import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { seedDemoPortal } from '../src/fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { signV2 } from '../src/server/signature.js';
import { startServer } from '../src/server/startServer.js';

export interface LatencyScenario {
  requests: number;
  connections: number;
  /** Requests a second in all (autocannon's overallRate); unset: as fast as the connections go. */
  rate?: number;
}

export interface LatencyResult extends LatencyScenario {
  p50: number;
  p90: number;
  /** autocannon reports p97.5, not p95: an upper bound for p95. */
  p97_5: number;
  p99: number;
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
  const server = await startServer({ policy, hubspot: { accessToken: 'bench', baseUrl: hub.url }, clientSecret: secret, port: 0, hostname: '127.0.0.1', now: () => new Date(now) });
  const ids = seeded.truth.map((t) => t.contactId);
  let i = 0;
  try {
    const url = `${server.url}/hubspot/actions/route-lead`;
    const results: LatencyResult[] = [];
    for (const { requests, connections, rate } of scenarios) {
    const result = await autocannon({
      url,
      connections,
      amount: requests,
      ...(rate ? { overallRate: rate } : {}),
      method: 'POST',
      requests: [
        {
          setupRequest: (req) => {
            const body = JSON.stringify({ callbackId: `cb-${i}`, origin: { portalId: 1 }, context: { workflowId: 42 }, object: { objectId: ids[i++ % ids.length], objectType: 'CONTACT' }, inputFields: {} });
            return { ...req, body, headers: { 'content-type': 'application/json', 'x-hubspot-signature': signV2(secret, 'POST', url, body), 'x-hubspot-signature-version': 'v2' } };
          },
        },
      ],
    });
    results.push({ requests: result.requests.total, connections, ...(rate ? { rate } : {}), p50: result.latency.p50, p90: result.latency.p90, p97_5: result.latency.p97_5, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, rps: Math.round(result.requests.average) });
    }
    return results;
  } finally {
    await server.close();
    await hub.close();
  }
}
