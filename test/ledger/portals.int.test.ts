import { emptyRecord, type HandoffRecord, type Portal } from '../../src/domain/index.js';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';
import { LedgerBelongsToAnotherPortal, type LedgerChange } from '../../src/ledger/ledger.js';
import type { SqlLedger } from '../../src/ledger/sqlLedger.js';
import { startServer } from '../../src/server/startServer.js';
import { hubspotClient } from '../../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../../src/hubspot/setup.js';
import { defaultPolicy } from '../support/policyFixtures.js';
import { freshLedger } from '../support/testLedger.js';

// One ledger never answers for another portal: a server whose token belongs to another portal is
// refused at start, naming both; a portal added on purpose is kept apart, row for row.
const PROD: Portal = { id: '24681357', type: 'STANDARD', timeZone: 'Europe/Dublin', currency: 'EUR' };
const SANDBOX: Portal = { id: '50500123', type: 'SANDBOX', timeZone: 'Europe/London', currency: 'GBP' };
const AT = new Date('2026-11-25T09:30:00Z');

const change = (contactId: string, ownerId: string, key: string): LedgerChange => {
  const record: HandoffRecord = { ...emptyRecord(contactId), state: 'routed', ownerId, policyVersion: '2026.12.2', routedAt: AT, mqlAt: AT, handoffCount: 1, version: 1 };
  return { contactId, fromVersion: 0, record, events: [{ event: 'route', from: 'mql', to: 'routed', at: AT.toISOString(), actor: 'workflow:wf', reason: 'test', policyVersion: '2026.12.2', ownerId }], assignment: { ownerId, why: 'test', source: 'route' }, delivery: { key, result: { ownerId } }, effects: [] };
};

describe('a ledger and its portals', () => {
  let ledger: SqlLedger;
  beforeEach(async () => {
    ledger = await freshLedger();
  });

  it('is stamped with its first portal; rows written before portals were recorded become that portal\'s', async () => {
    expect(ledger.portalId).toBe('');
    await ledger.transaction((tx) => tx.commit(change('1', '102', 'route:1')));
    expect(await ledger.claimPortal(PROD)).toEqual({ stamped: true });
    expect(ledger.portalId).toBe(PROD.id);
    expect((await ledger.handoff('1'))?.ownerId).toBe('102');
    expect(await ledger.portals()).toEqual([expect.objectContaining({ id: PROD.id, type: 'STANDARD', currency: 'EUR', timeZone: 'Europe/Dublin' })]);
    // A restart with the same portal is no change.
    expect(await ledger.claimPortal(PROD)).toEqual({ stamped: false });
  });

  it('refuses another portal, naming both and what to do', async () => {
    await ledger.claimPortal(PROD);
    const refused = ledger.claimPortal(SANDBOX);
    await expect(refused).rejects.toBeInstanceOf(LedgerBelongsToAnotherPortal);
    await expect(ledger.claimPortal(SANDBOX)).rejects.toThrow(
      'this ledger belongs to HubSpot portal 24681357 (production account), but the HubSpot token belongs to HubSpot portal 50500123 (sandbox). Handoff will not start, so that one portal\'s handoffs never answer for another\'s. Point HANDOFF_DATABASE_URL (or HANDOFF_DATA_DIR) at portal 50500123\'s own ledger, or, to keep portal 50500123\'s handoffs beside the others in this database, start once with HANDOFF_ADD_PORTAL=50500123.',
    );
    expect(ledger.portalId).toBe(PROD.id);
  });

  it('keeps an added portal apart: the same contact id, delivery key and owner load are each portal\'s own', async () => {
    await ledger.claimPortal(PROD);
    await ledger.transaction((tx) => tx.commit(change('7', '102', 'route:7')));
    const sandbox = ledger.forPortal(SANDBOX.id);
    await sandbox.claimPortal(SANDBOX, { addPortal: true });
    expect(await sandbox.handoff('7')).toBeUndefined();
    expect(await sandbox.delivery('route:7')).toBeUndefined();
    // The same contact id and delivery key in the sandbox: a handoff of its own, not a replay.
    await sandbox.transaction((tx) => tx.commit(change('7', '103', 'route:7')));
    expect((await sandbox.handoff('7'))?.ownerId).toBe('103');
    expect((await ledger.handoff('7'))?.ownerId).toBe('102');
    const load = (l: SqlLedger) => l.transaction((tx) => tx.routingLoad([new Date('2026-11-01T00:00:00Z')], new Date('2027-01-01T00:00:00Z')));
    expect((await load(ledger)).openHandoffs).toEqual({ '102': 1 });
    expect((await load(sandbox)).openHandoffs).toEqual({ '103': 1 });
    expect(await ledger.timelineCount('7')).toBe(1);
    expect((await ledger.portals()).map((p) => p.id)).toEqual([PROD.id, SANDBOX.id]);
  });
});

describe('a server started with a token of another portal', () => {
  let prod: FakeHubSpot;
  let sandbox: FakeHubSpot;
  let prodHub: RunningFake;
  let sandboxHub: RunningFake;
  beforeEach(async () => {
    prod = createFakeHubSpot({ rateLimits: false, account: { portalId: Number(PROD.id) } });
    sandbox = createFakeHubSpot({ rateLimits: false, account: { portalId: Number(SANDBOX.id), accountType: 'SANDBOX', companyCurrency: 'GBP', timeZone: 'Europe/London' } });
    for (const o of DEMO_OWNERS) [prod, sandbox].forEach((f) => f.store.putOwner({ ...o }));
    [prodHub, sandboxHub] = await Promise.all([serveFakeHubSpot(prod), serveFakeHubSpot(sandbox)]);
  });
  afterEach(async () => {
    await prodHub.close();
    await sandboxHub.close();
  });

  const start = (ledger: SqlLedger, url: string, addPortal?: string) =>
    startServer({ policy: defaultPolicy(), hubspot: { accessToken: 'pat', baseUrl: url }, clientSecret: 's', ledger, port: 0, hostname: '127.0.0.1', ...(addPortal ? { addPortal } : {}) });

  it('does not start, naming both portals; the other portal is read once (who it is) and never written', async () => {
    const ledger = await freshLedger();
    const first = await start(ledger, prodHub.url);
    expect(first.portal).toEqual(PROD);
    await first.close();

    sandbox.calls.reset();
    await expect(start(ledger, sandboxHub.url)).rejects.toThrow(/belongs to HubSpot portal 24681357 \(production account\), but the HubSpot token belongs to HubSpot portal 50500123 \(sandbox\)/);
    expect(sandbox.calls.byRoute()).toEqual({ 'GET /account-info/2026-03/details': 1 });
  });

  it('starts beside it when HANDOFF_ADD_PORTAL names it (and only it)', async () => {
    const ledger = await freshLedger();
    await (await start(ledger, prodHub.url)).close();
    await expect(start(ledger, sandboxHub.url, '11111111')).rejects.toBeInstanceOf(LedgerBelongsToAnotherPortal);
    const second = await start(ledger, sandboxHub.url, SANDBOX.id);
    expect(second.portal).toEqual(SANDBOX);
    await second.close();
    expect((await ledger.portals()).map((p) => `${p.id} ${p.type} ${p.currency}`)).toEqual(['24681357 STANDARD EUR', '50500123 SANDBOX GBP']);
  });
});

describe('a portal adopted at install', () => {
  it("takes HubSpot's open handoffs into the ledger once: routing load counts them, a restart does not search again", async () => {
    const fake = createFakeHubSpot({ rateLimits: false });
    for (const o of DEMO_OWNERS) fake.store.putOwner({ ...o });
    const hub = await serveFakeHubSpot(fake);
    try {
      const ledger = await freshLedger();
      const start = () => startServer({ policy: defaultPolicy(), hubspot: { accessToken: 'pat', baseUrl: hub.url }, clientSecret: 's', ledger, port: 0, hostname: '127.0.0.1' });
      // A portal set up by an earlier Handoff (its properties), holding three handoffs: two open, one converted.
      await applyHandoffSetup(hubspotClient({ accessToken: 'pat', baseUrl: hub.url }), await planHandoffSetup(hubspotClient({ accessToken: 'pat', baseUrl: hub.url }), defaultPolicy()), () => undefined);
      const seed = (stage: string, owner: string, routed: string) =>
        fake.store.create('contacts', new Map([['email', `${stage}${owner}@acme.ie`], ['hubspot_owner_id', owner], ['handoff_stage', stage], ['handoff_routed_date', routed], ['handoff_routing_rule', 'territory'], ['handoff_policy_version', '2026.12.1']]), { sourceType: 'INTEGRATION' }).id;
      const [a, b] = [seed('routed', '102', '2026-11-20T10:00:00.000Z'), seed('routed', '103', '2026-11-21T10:00:00.000Z')];
      seed('converted', '104', '2026-10-01T10:00:00.000Z');

      const server = await start();
      await server.close();
      expect(await ledger.adoption()).toEqual({ at: expect.any(Date), adopted: 2 });
      expect((await ledger.handoff(a))?.ownerId).toBe('102');
      expect((await ledger.handoff(b))?.state).toBe('routed');
      const load = await ledger.transaction((tx) => tx.routingLoad([new Date('2026-11-01T00:00:00Z')], new Date('2027-01-01T00:00:00Z')));
      expect(load.openHandoffs).toEqual({ '102': 1, '103': 1 });
      expect(Object.keys(load.assignmentTallies[0]!.byOwner).sort()).toEqual(['102', '103']);
      expect(await ledger.adoption()).toEqual({ at: expect.any(Date), adopted: 2 });

      fake.calls.reset();
      await (await start()).close();
      expect(Object.keys(fake.calls.byRoute()).filter((r) => r.endsWith('/search'))).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});
