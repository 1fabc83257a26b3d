/** The child's side of `startHubSpotSide`: the fake HubSpot, seeded, served, and the sender of the import's webhooks or the burst's actions. */
import type { HandoffPolicy } from '../src/domain/index.js';
import type { FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../src/fake-hubspot/http/rateLimits.js';
import { hubspotSignedHeaders } from '../src/server/signature.js';
import { benchPortal } from './benchLead.js';
import { burstFake, routedByAccount } from './burstSeed.js';
import { deliverBurst } from './burstSender.js';
import { enrolledObject } from '../src/fake-hubspot/crm/workflowEnrolment.js';
import { enrolmentProperties } from '../src/handlers/enrolmentLead.js';
import type { ImportDelivered, SideMessage, SidePortal, SideRequest } from './hubspotSide.js';

const { policy, portal, now } = JSON.parse(process.argv[2] ?? '{}') as { policy: HandoffPolicy; portal: SidePortal; now: number };
const send = (m: SideMessage) => process.send!(m);
// What the "route lead" action's definition asks HubSpot to send of each enrolled contact.
const asked = enrolmentProperties(policy);
const seed = (p: SidePortal) => (p.kind === 'burst' ? burstFake(policy, p.leads, now, p.portalId) : benchPortal(policy, p.contacts, now));
let { fake, hub, ids } = await seed(portal);
let cpuSince = process.cpuUsage();
process.on('disconnect', () => void hub.close().finally(() => process.exit(0)));
process.on('message', (m: SideRequest) => {
  const run = async () => {
    if (m.kind === 'portal') {
      // A portal of its own in the same process: its code stays optimised for the next run.
      await hub.close();
      ({ fake, hub, ids } = await seed(m.portal));
      send({ kind: 'ready', url: hub.url, ids });
    } else if (m.kind === 'limits') {
      fake.limits.configure({ ...HUBSPOT_LIMITS.professional, timeScale: m.timeScale });
      if (m.latencyMs) fake.faults.inject({ kind: 'slow', rate: 1, delayMs: m.latencyMs });
      fake.calls.reset();
      cpuSince = process.cpuUsage();
      send({ kind: 'limits' });
    } else if (m.kind === 'import') {
      send({ kind: 'import', result: await deliverImport(fake, ids, m) });
    } else if (m.kind === 'burst') {
      send({ kind: 'burst', result: await deliverBurst(ids, (id) => enrolledObject(fake.store, 'contacts', id, asked), { ...m, portalId: fake.store.portal.account.portalId }) });
    } else if (m.kind === 'counted') {
      send({ kind: 'counted', result: { calls: fake.calls.count(), byRoute: fake.calls.byRoute(), byStatus: fake.calls.byStatus(), byAccount: routedByAccount(fake, ids), cpuSeconds: cpuSecondsSince(cpuSince) } });
    }
  };
  run().catch((e: unknown) => send({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
send({ kind: 'ready', url: hub.url, ids });

function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1e4) / 100;
}

/**
 * The import as HubSpot announces it: signed webhook deliveries of 100 "lifecycle stage became
 * MQL" events, `inFlight` at a time; then the fake's own store is watched until every contact
 * shows routed (owner, handoff stage, the task's real id). The call log starts empty here.
 */
async function deliverImport(fake: FakeHubSpot, ids: readonly string[], o: Extract<SideRequest, { kind: 'import' }>): Promise<ImportDelivered> {
  fake.calls.reset();
  const url = `${o.serverUrl}/hubspot/webhooks`;
  const deliveries = Math.ceil(ids.length / 100);
  const acks: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: o.inFlight }, async () => {
      while (next < deliveries) {
        const d = next++;
        const events = ids.slice(d * 100, (d + 1) * 100).map((id, k) => ({ eventId: d * 100 + k + 1, objectId: Number(id), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead', occurredAt: o.now }));
        const body = JSON.stringify(events);
        const sent = performance.now();
        const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(o.secret, 'POST', url, body, o.now) } });
        await res.text();
        acks.push(performance.now() - sent);
        if (res.status !== 200) throw new Error(`webhook delivery ${d} answered ${res.status}`);
      }
    }),
  );
  // HubSpot shows a contact routed when its owner, its handoff stage and its task's real id are written.
  const shown = (id: string) => {
    const p = fake.store.get('contacts', id)!.properties;
    return !!p.get('hubspot_owner_id') && p.get('handoff_stage') === 'routed' && /^\d+$/.test(p.get('handoff_task_id') ?? '');
  };
  // Checked in the order the events were sent (about the order they are routed), from the first not yet shown.
  let first = 0;
  const deadline = performance.now() + 600_000;
  while (first < ids.length && performance.now() < deadline) {
    while (first < ids.length && shown(ids[first]!)) first++;
    if (first < ids.length) await new Promise((r) => setTimeout(r, 100));
  }
  const waiting = ids.slice(first).filter((id) => !shown(id)).length;
  const seconds = (performance.now() - t0) / 1000;
  return { acks, seconds, waiting, calls: fake.calls.count(), byRoute: fake.calls.byRoute(), byStatus: fake.calls.byStatus() };
}
