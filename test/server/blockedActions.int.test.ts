import { LedgerUnavailable, type HandoffLedger } from '../../src/ledger/ledger.js';
import { BlockedActions } from '../../src/server/blockedActions.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { actionRequest, handoffServer } from '../support/handoffServer.js';

// Workflow actions that cannot be answered in time are answered BLOCK and completed through
// HubSpot's callbacks API (2026-03 paths, validated against HubSpot's actions document by the
// harness). The drill: Handoff's database unavailable in the middle of a burst of "route lead"
// deliveries. Those that arrive while it is down are blocked; once it is back, every one is
// completed exactly once, with the owner the ledger holds; those answered directly get no callback.
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

describe('blocked workflow actions, completed by callback', () => {
  it('the database down mid-burst: every delivery completed once, with the owner the ledger holds', async () => {
    const ctx = await handoffPortal(hub);
    const down = { now: false };
    const ledger = flaky(ctx.ledger, down);
    const context = () => ({ ...ctx, ledger });
    let blocked: BlockedActions | undefined;
    const { post } = await handoffServer(hub, { context, routeGatherMs: 0, blocked: (deps) => (blocked = new BlockedActions({ context, crm: () => ctx.crm, deps, retryMs: 60_000 })) });
    const ids = Array.from({ length: 15 }, (_, n) => seedLead(hub, corkDemoRequest(n + 1)).contactId);
    const states: string[] = [];
    for (const [n, id] of ids.entries()) {
      down.now = n >= 5 && n < 10; // deliveries 5-9 arrive while the database is unavailable
      const res = await post('/hubspot/actions/route-lead', actionRequest(id, {}, `cb-${id}`));
      expect(res.status).toBe(200);
      states.push(((await res.json()) as { outputFields: { hs_execution_state: string } }).outputFields.hs_execution_state);
    }
    expect(states).toEqual([...Array(5).fill('SUCCESS'), ...Array(5).fill('BLOCK'), ...Array(5).fill('SUCCESS')]);
    expect(blocked!.waiting).toBe(5);
    expect(hub.fake.actionCompletions.all).toEqual([]);

    down.now = false; // the database is back
    await blocked!.tick();
    expect(blocked!.waiting).toBe(0);
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

  it('an action slower than the server\'s budget is answered BLOCK, and completed once it finishes', async () => {
    const ctx = await handoffPortal(hub);
    let blocked: BlockedActions | undefined;
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'slow', delayMs: 400, times: 1 });
    const { post } = await handoffServer(hub, { routeGatherMs: 0, blockAfterMs: 100, blocked: (deps) => (blocked = new BlockedActions({ context: () => ctx, crm: () => ctx.crm, deps, retryMs: 60_000 })) });
    const { contactId } = seedLead(hub, corkDemoRequest(40));
    const res = await post('/hubspot/actions/route-lead', actionRequest(contactId, {}, 'cb-slow'));
    expect(((await res.json()) as { outputFields: Record<string, string> }).outputFields).toEqual({ hs_execution_state: 'BLOCK', hs_expiration_duration: 'P1D' });
    await blocked!.tick(); // takes over the run still going, rather than routing again
    const [completion] = hub.fake.actionCompletions.of('cb-slow');
    expect(completion?.outputFields).toMatchObject({ hs_execution_state: 'SUCCESS', owner_id: (await ctx.ledger.handoff(contactId))!.ownerId });
    expect((await ctx.ledger.timeline(contactId)).filter((e) => e.event === 'route')).toHaveLength(1);
  });
});
