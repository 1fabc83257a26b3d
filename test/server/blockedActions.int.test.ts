import { BlockedActions } from '../../src/server/blockedActions.js';
import { LedgerUnavailable, type HandoffLedger } from '../../src/ledger/ledger.js';
import { enrolledObject } from '../../src/fake-hubspot/crm/workflowEnrolment.js';
import { enrolmentProperties } from '../../src/handlers/enrolmentLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { actionRequest, handoffServer } from '../support/handoffServer.js';

// Workflow actions that cannot be answered in time are answered BLOCK, kept in the durable work
// queue (in memory while the database itself is down) and completed through HubSpot's callbacks
// API (2026-03 paths, validated against HubSpot's actions document by the harness). The drills:
// Handoff's database unavailable in the middle of a burst of "route lead" deliveries. Those that
// arrive while it is down are blocked; once it is back, every one is completed exactly once, with
// the owner the ledger holds; those answered directly get no callback.
const hub = useFakeHubSpot();

/** The ledger, unavailable while `down.now` is set (every call fails as a lost connection does). */
function flaky(ledger: HandoffLedger, down: { now: boolean }): HandoffLedger {
  return new Proxy(ledger, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (down.now ? Promise.reject(new LedgerUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432'))) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

type Answer = { outputFields: { hs_execution_state: string; owner_id?: string } };

describe('blocked workflow actions, completed by callback', () => {
  it('the database down mid-burst: every delivery completed once, with the owner the ledger holds', async () => {
    const down = { now: false };
    const base = await handoffPortal(hub);
    const ledger = flaky(base.ledger, down);
    const context = () => ({ ...base, ledger });
    const { post, blocked } = await handoffServer(hub, { context, routeGatherMs: 0, blockedActions: { retryMs: 60_000 } });
    const ctx = base;
    const ids = Array.from({ length: 15 }, (_, n) => seedLead(hub, corkDemoRequest(n + 1)).contactId);
    const states: string[] = [];
    for (const [n, id] of ids.entries()) {
      down.now = n >= 5 && n < 10; // deliveries 5-9 arrive while the database is unavailable
      const res = await post('/hubspot/actions/route-lead', actionRequest(id, {}, `cb-${id}`));
      expect(res.status).toBe(200);
      states.push(((await res.json()) as Answer).outputFields.hs_execution_state);
    }
    expect(states).toEqual([...Array(5).fill('SUCCESS'), ...Array(5).fill('BLOCK'), ...Array(5).fill('SUCCESS')]);
    // The queue could not take them while the database was down: they are held in this process.
    expect(blocked!.heldHere).toBe(5);
    expect(hub.fake.actionCompletions.all).toEqual([]);

    down.now = false; // the database is back: what was held goes to the queue, and is finished from there
    await blocked!.tick();
    expect(blocked!.heldHere).toBe(0);
    expect(await blocked!.waiting()).toBe(0);
    // Several ready together: one batch call.
    expect(hub.fake.calls.count('POST /automation/actions/callbacks/2026-03/complete')).toBe(1);
    for (const [n, id] of ids.entries()) {
      const completions = hub.fake.actionCompletions.of(`cb-${id}`);
      if (n < 5 || n >= 10) {
        expect(completions).toEqual([]);
        continue;
      }
      expect(completions).toHaveLength(1);
      const record = await ctx.ledger.handoff(id);
      expect(completions[0]!.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed', owner_id: record!.ownerId });
    }
    // A later tick completes nothing again.
    await blocked!.tick();
    expect(hub.fake.actionCompletions.all).toHaveLength(5);
  });

  it('20 s without the database in a burst of concurrent deliveries: each completed exactly once, with its owner', async () => {
    const down = { now: false };
    const base = await handoffPortal(hub);
    const ledger = flaky(base.ledger, down);
    const context = () => ({ ...base, ledger });
    // As a server runs it: deliveries gathered into routing batches, the queue polled every 500 ms, what is held offered every second.
    const { post, blocked } = await handoffServer(hub, { context, blockedActions: { retryMs: 1_000, pollMs: 500 } });
    const ctx = base;
    const ids = Array.from({ length: 60 }, (_, n) => seedLead(hub, corkDemoRequest(100 + n)).contactId);
    const answers = new Map<string, Answer>();
    const send = (id: string) => Promise.resolve(post('/hubspot/actions/route-lead', actionRequest(id, {}, `cb-${id}`))).then(async (res) => answers.set(id, (await res.json()) as Answer));
    // Waves of 4 concurrent deliveries every 500 ms, 15 waves (7.5 s); the database goes 1.5 s in and stays away 20 s.
    const outage = (async () => {
      await sleep(1_500);
      down.now = true;
      await sleep(20_000);
      down.now = false;
    })();
    for (let wave = 0; wave < 15; wave++) {
      await Promise.all(ids.slice(wave * 4, wave * 4 + 4).map(send));
      await sleep(500);
    }
    await outage;
    // Once it is back, everything blocked is finished from the queue (the worker's own polling; no nudge from the test).
    for (let i = 0; i < 120 && ((await blocked!.waiting()) > 0 || blocked!.heldHere > 0); i++) await sleep(250);
    expect(blocked!.heldHere).toBe(0);
    expect(await blocked!.waiting()).toBe(0);

    const states = [...answers.values()].map((a) => a.outputFields.hs_execution_state);
    expect(states.filter((s) => s === 'BLOCK').length).toBeGreaterThan(0);
    expect(states.every((s) => s === 'BLOCK' || s === 'SUCCESS')).toBe(true);
    for (const id of ids) {
      const answer = answers.get(id)!;
      const record = await ctx.ledger.handoff(id);
      const completions = hub.fake.actionCompletions.of(`cb-${id}`);
      if (answer.outputFields.hs_execution_state === 'SUCCESS') {
        expect(completions).toEqual([]);
        expect(answer.outputFields.owner_id).toBe(record!.ownerId);
      } else {
        expect(completions).toHaveLength(1);
        expect(completions[0]!.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', owner_id: record!.ownerId });
      }
      // Routed once, whichever way it was answered.
      expect((await ctx.ledger.timeline(id)).filter((e) => e.event === 'route')).toHaveLength(1);
    }
  }, 90_000);

  it('a blocked enrolment that brought its contact whole is read from HubSpot again when it runs, not taken as it came', async () => {
    const down = { now: false };
    const base = await handoffPortal(hub);
    const ledger = flaky(base.ledger, down);
    const { post, blocked } = await handoffServer(hub, { context: () => ({ ...base, ledger }), blockedActions: { retryMs: 60_000 } });
    const ids = Array.from({ length: 3 }, (_, n) => seedLead(hub, corkDemoRequest(60 + n)).contactId);
    const asked = enrolmentProperties(base.policy);
    down.now = true;
    const answers = await Promise.all(ids.map(async (id) => ((await (await post('/hubspot/actions/route-lead', { ...actionRequest(id, {}, `cb-${id}`), object: enrolledObject(hub.fake.store, 'contacts', id, asked) })).json()) as Answer).outputFields.hs_execution_state));
    expect(answers).toEqual(['BLOCK', 'BLOCK', 'BLOCK']);
    // While it waited, the first lead stopped being an MQL in HubSpot: it asked for no demo after all.
    hub.fake.store.update(hub.fake.store.get('contacts', ids[0]!)!, new Map([['recent_conversion_event_name', null], ['recent_conversion_date', null]]), { sourceType: 'CRM_UI', sourceLabel: 'test' });
    const reads = jest.spyOn(base.crm, 'readContacts');
    down.now = false;
    await blocked!.tick();
    expect(reads.mock.calls.flatMap(([read]) => read).sort()).toEqual([...ids].sort());
    expect(hub.fake.actionCompletions.of(`cb-${ids[0]}`)[0]!.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'not_mql' });
    expect(hub.fake.actionCompletions.of(`cb-${ids[1]}`)[0]!.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', handoff_outcome: 'routed' });
  });

  it("an action slower than the server's budget is answered BLOCK, and completed once it finishes", async () => {
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'slow', delayMs: 400, times: 1 });
    const { post, blocked, ctx } = await handoffServer(hub, { routeGatherMs: 0, blockAfterMs: 100, blockedActions: { retryMs: 60_000 } });
    const { contactId } = seedLead(hub, corkDemoRequest(40));
    const res = await post('/hubspot/actions/route-lead', actionRequest(contactId, {}, 'cb-slow'));
    expect(((await res.json()) as { outputFields: Record<string, string> }).outputFields).toEqual({ hs_execution_state: 'BLOCK', hs_expiration_duration: 'P1D' });
    await blocked!.tick(); // takes over the run still going, rather than routing again
    const [completion] = hub.fake.actionCompletions.of('cb-slow');
    expect(completion?.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', owner_id: (await ctx.ledger.handoff(contactId))!.ownerId });
    expect((await ctx.ledger.timeline(contactId)).filter((e) => e.event === 'route')).toHaveLength(1);
    expect(hub.fake.actionCompletions.all).toHaveLength(1);
  });

  it('the queue keeps a blocked enrolment for another instance: it finishes there, by its key, once', async () => {
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'slow', delayMs: 400, times: 1 });
    const first = await handoffServer(hub, { routeGatherMs: 0, blockAfterMs: 100, blockedActions: { retryMs: 60_000 } });
    const { contactId } = seedLead(hub, corkDemoRequest(41));
    await first.post('/hubspot/actions/route-lead', actionRequest(contactId, {}, 'cb-moved'));
    await sleep(50); // the job is in the queue; this instance stops before taking it
    await first.blocked!.stop();
    const second = new BlockedActions({ queue: first.background.queue, context: () => first.ctx, crm: () => first.ctx.crm, pollMs: 60_000 });
    await second.tick();
    await second.stop();
    const completions = hub.fake.actionCompletions.of('cb-moved');
    expect(completions).toHaveLength(1);
    expect(completions[0]!.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', owner_id: (await first.ctx.ledger.handoff(contactId))!.ownerId });
    expect((await first.ctx.ledger.timeline(contactId)).filter((e) => e.event === 'route')).toHaveLength(1);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
