import { serve } from '@hono/node-server';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import type { HandoffPolicy } from '../src/domain/index.js';
import { DEMO_OWNERS } from '../src/fake-hubspot/seed/demoOwners.js';
import { createFakeHubSpot, type FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import type { ContactSnapshot, CrmGateway } from '../src/hubspot/crmGateway.js';
import type { RoutingLoad } from '../src/domain/routing/snapshot.js';
import type { HandoffLedger, LedgerChange, LedgerTx } from '../src/ledger/ledger.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { connectPortal } from '../src/handlers/connectPortal.js';
import { DEFAULT_RETRY } from '../src/hubspot/retryPolicy.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';
import { deliverOutbox } from '../src/handlers/write/outboxDelivery.js';
import { startHandoffHost } from '../src/server/handoffHost.js';

/** What the winning "route lead" attempt read: the same inputs the soak's model gives the pure core. */
export interface RoutingInputs {
  contact: ContactSnapshot;
  company: Record<string, string>;
  load: RoutingLoad;
}

export interface SoakPortal {
  fake: FakeHubSpot;
  serverUrl: string;
  clientSecret: string;
  /** The handlers' clock (and the fake portal's): set per phase. */
  setTime(ms: number): void;
  routingInputs: Map<string, RoutingInputs>;
  /** The ledger the server uses (what the cards read). */
  ledger: HandoffLedger;
  /** Tells HubSpot whatever the outbox still owes it (after the faults stop), and says how many were owed. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

const ACCESS_TOKEN = 'soak-token';
const CLIENT_SECRET = 'soak-client-secret';

/**
 * The fake HubSpot on loopback, set up for Handoff, and the real Handoff server (createServerApp)
 * on loopback in front of it. HubSpot's waits are compressed `timeScale` times (Retry-After is
 * still read and budgeted in full). The gateway records what each request read, and keeps the
 * routing inputs of the attempt whose commit routed a lead.
 */
export async function startSoakPortal(policy: HandoffPolicy, options: { timeScale: number; seed: number; ledger: HandoffLedger }): Promise<SoakPortal> {
  const { timeScale, seed } = options;
  let now = 0;
  const fake = createFakeHubSpot({ now: () => now, rateLimits: false, accessToken: ACCESS_TOKEN, faultSeed: seed });
  for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
  const hub = await serveFakeHubSpot(fake);
  const client = hubspotClient({ accessToken: ACCESS_TOKEN, baseUrl: hub.url });
  await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / timeScale));
  const crm = new HubSpotCrmGateway(client, { ...DEFAULT_RETRY, searchLimit: false, callLimit: false, sleep });

  const reads = new AsyncLocalStorage<Partial<RoutingInputs>>();
  const routingInputs = new Map<string, RoutingInputs>();
  const capturing = (inner: CrmGateway): CrmGateway =>
    new Proxy(inner, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (typeof value !== 'function') return value;
        const call = (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const seen = reads.getStore();
        if (!seen) return call;
        if (name === 'readContact') return async (...args: unknown[]) => {
          const c = (await call(...args)) as ContactSnapshot;
          if (c.companyIds.length || 'country' in c.properties) seen.contact = c;
          return c;
        };
        if (name === 'readCompany') return async (...args: unknown[]) => (seen.company = (await call(...args)) as Record<string, string>);
        return call;
      },
    });
  // The routing load is read from the ledger inside the routing transaction; the inputs are kept
  // when that transaction commits a route (the commit is what decides who won).
  const capturingLedger = (inner: HandoffLedger): HandoffLedger =>
    new Proxy(inner, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (name !== 'transaction') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return <T>(work: (tx: LedgerTx) => Promise<T>) =>
          target.transaction((tx) => {
            const seen = reads.getStore();
            const wrapped: LedgerTx = Object.assign(Object.create(tx) as LedgerTx, {
              routingLoad: async (windowStarts: readonly Date[], at: Date) => {
                const load = await tx.routingLoad(windowStarts, at);
                if (seen) seen.load = load;
                return load;
              },
              commit: async (change: LedgerChange) => {
                const done = await tx.commit(change);
                if (seen && change.events.some((e) => e.event === 'route') && seen.contact && seen.load) routingInputs.set(change.contactId, { contact: seen.contact, company: seen.company ?? {}, load: seen.load });
                return done;
              },
            });
            return work(wrapped);
          });
      },
    });
  const portal = await connectPortal(crm, options.ledger);
  const ledger = capturingLedger(options.ledger);
  // What a faulted HubSpot write left in the outbox is retried by the worker, as on the server.
  const host = await startHandoffHost({
    crm,
    ledger,
    portal,
    policy: () => policy,
    now: () => new Date(now),
    wallMs: () => Date.now(),
    clientSecret: CLIENT_SECRET,
    publicUrl: '',
    pollMs: 250,
    outboxPollMs: 250,
    blocked: false,
    rateLimitPerMinute: false, // the soak is one client sending as fast as it can
    // Each delivery routed on its own: the soak predicts each lead from the inputs its own routing
    // read (a batch decides from one load read; routeBatch.int.test holds a batch's split to routing
    // the same leads one by one).
    routeGatherMs: 0,
    // Each request's reads are recorded (the routing inputs of the attempt whose commit routed a lead).
    requestContext: (c) => ({ ...c, crm: capturing(c.crm) }),
  });
  const app = host.app;
  const server = await new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    const s = serve({ fetch: (req) => reads.run({}, () => app.fetch(req)), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise<void>((done) => s.close(() => done())) }),
    );
  });
  return {
    fake,
    serverUrl: server.url,
    clientSecret: CLIENT_SECRET,
    setTime: (ms) => void (now = ms),
    routingInputs,
    ledger: options.ledger,
    drain: async () => {
      const run = await deliverOutbox(options.ledger, crm, { dueBy: new Date('9999-12-31T00:00:00Z') });
      return run.delivered;
    },
    close: async () => {
      await host.stop();
      await server.close();
      await hub.close();
    },
  };
}
