import type { HandoffPolicy } from '../src/domain/index.js';
import { HUBSPOT_LIMITS } from '../src/fake-hubspot/http/rateLimits.js';
import { openLedger } from '../src/ledger/openLedger.js';
import { WorkQueue, QUEUES } from '../src/queue/workQueue.js';
import { hubspotSignedHeaders } from '../src/server/signature.js';
import { startServer } from '../src/server/startServer.js';
import { benchPortal } from './benchLead.js';
import { nearestRank } from './latencyBench.js';

export interface WebhookAckResult {
  engine: string;
  deliveries: number;
  eventsPerDelivery: number;
  p50: number;
  p99: number;
  max: number;
  /** Contacts routed when the queue had drained, and assignments made (equal: each once). */
  routed: number;
  assignments: number;
  drainSeconds: number;
}

/**
 * HubSpot webhook deliveries of 100 MQL events each, `concurrent` at a time, at the real server
 * (signed v3); the ack time is the server's answer (the events stored), while the queue's worker
 * routes the earlier deliveries' events in the same process. Then the queue drains: every event's
 * contact must be routed once.
 */
export async function webhookAckBench(policy: HandoffPolicy, o: { deliveries: number; events: number; concurrent: number; databaseUrl?: string }): Promise<WebhookAckResult> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const { fake, hub, ids } = await benchPortal(policy, o.deliveries * o.events, now);
  const ledger = await openLedger(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: 'memory' });
  if (o.databaseUrl) await ledger.eraseAll();
  const secret = 'bench-secret';
  fake.limits.configure({ ...HUBSPOT_LIMITS.professional, timeScale: 10 });
  const server = await startServer({ policy, hubspot: { accessToken: 'bench', baseUrl: hub.url }, clientSecret: secret, ledger, port: 0, hostname: '127.0.0.1', now: () => new Date(now), hubspotTimeScale: 10, rateLimitPerMinute: false });
  try {
    const url = `${server.url}/hubspot/webhooks`;
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: o.concurrent }, async () => {
        while (next < o.deliveries) {
          const d = next++;
          const events = ids.slice(d * o.events, (d + 1) * o.events).map((id, k) => ({ eventId: d * o.events + k + 1, objectId: Number(id), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead', occurredAt: now }));
          const body = JSON.stringify(events);
          const t0 = performance.now();
          const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(secret, 'POST', url, body, now) } });
          await res.text();
          times.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`webhook delivery ${d} answered ${res.status}`);
        }
      }),
    );
    const t1 = performance.now();
    const queue = await WorkQueue.open(ledger);
    for (;;) {
      const counts = (await queue.counts()).find((c) => c.queue === QUEUES.webhookEvent)!;
      if (counts.waiting + counts.active + counts.retrying === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await queue.close();
    const drainSeconds = (performance.now() - t1) / 1000;
    const { rows } = await ledger.executeSql(`select count(distinct contact_id)::int as n, count(*)::int as all from assignment`);
    return { engine: ledger.engine.name, deliveries: o.deliveries, eventsPerDelivery: o.events, p50: nearestRank(times, 0.5), p99: nearestRank(times, 0.99), max: Math.round(Math.max(...times)), routed: Number((rows[0] as { n: number }).n),
      assignments: Number((rows[0] as { all: number }).all), drainSeconds: Math.round(drainSeconds * 10) / 10 };
  } finally {
    await server.close();
    await ledger.close();
    await hub.close();
  }
}
