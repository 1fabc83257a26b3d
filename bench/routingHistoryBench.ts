import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import type { HandlerContext } from '../src/handlers/handlerContext.js';
import { routeLead } from '../src/handlers/routeLead.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { connectPortal } from '../src/handlers/connectPortal.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { seedBenchLead } from './benchLead.js';

export interface HistoryRow {
  engine: string;
  earlierRoutings: number;
  routings: number;
  callsPerRouting: number;
  searches: number;
  p50: number;
  p95: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * "Route lead" with 0, 2,000 and 20,000 earlier routings in the look-back: HubSpot calls per
 * routing (counted by the fake over HTTP) and the handler's latency, on the ledger's engine
 * (PGlite in memory, or the PostgreSQL `databaseUrl` names: its tables are emptied first).
 */
export async function routingHistoryBench(policy: HandoffPolicy, sizes: number[], routings: number, databaseUrl?: string): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  const now = Date.parse('2026-11-25T10:00:00Z');
  for (const size of sizes) {
    const fake = createFakeHubSpot({ rateLimits: false, now: () => now });
    for (const o of DEMO_OWNERS) fake.store.putOwner({ ...o });
    const running = await serveFakeHubSpot(fake);
    const ledger = await openLedger(databaseUrl ? { databaseUrl } : { dataDir: 'memory' });
    try {
      await ledger.eraseAll();
      const client = hubspotClient({ accessToken: 'bench', baseUrl: running.url });
      await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
      // Earlier routings spread over the last 29 days; one in ten still open.
      const owners = ['102', '103', '104', '201', '202', '203'];
      for (let i = 0; i < size; i += 1000) {
        const chunk = Array.from({ length: Math.min(1000, size - i) }, (_, j) => i + j);
        const at = (k: number) => new Date(now - ((k * 7919) % (29 * 86_400_000)));
        await ledger.kysely.insertInto('assignment').values(chunk.map((k) => ({ portal_id: ledger.portalId, contact_id: `h${k}`, owner_id: owners[k % owners.length]!, rule_id: 'territory', policy_version: policy.version, at: at(k), why: 'earlier', source: 'route' }))).execute();
        await ledger.kysely
          .insertInto('handoff')
          .values(chunk.map((k) => ({ portal_id: ledger.portalId, contact_id: `h${k}`, version: 1, state: k % 10 === 0 ? 'routed' : 'accepted', owner_id: owners[k % owners.length]!, record: JSON.stringify({ contactId: `h${k}`, state: 'accepted', handoffCount: 1, escalationsDone: [], version: 1 }), updated_at: at(k) })))
          .execute();
      }
      const crm = new HubSpotCrmGateway(client);
      const ctx: HandlerContext = { crm, ledger, policy, portal: await connectPortal(crm, ledger), now: () => new Date(now) };
      const times: number[] = [];
      let calls = 0;
      for (let n = 0; n < routings; n++) {
        const contactId = seedBenchLead(fake, n);
        const before = fake.calls.count();
        const t0 = performance.now();
        const r = await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'bench' } });
        times.push(performance.now() - t0);
        if (r.outcome !== 'routed') throw new Error(`bench lead ${n} did not route: ${r.outcome}`);
        calls += fake.calls.count() - before;
      }
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({
        engine: ledger.engine.name === 'postgresql' ? 'PostgreSQL' : 'PGlite',
        earlierRoutings: size,
        routings,
        callsPerRouting: calls / routings,
        searches: fake.calls.count('POST /crm/objects/2026-03/contacts/search'),
        p50: Math.round(percentile(sorted, 50)),
        p95: Math.round(percentile(sorted, 95)),
      });
    } finally {
      await ledger.close();
      await running.close();
    }
  }
  return rows;
}
