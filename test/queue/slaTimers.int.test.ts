import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeLead } from '../../src/handlers/routeLead.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import type { SqlLedger } from '../../src/ledger/sqlLedger.js';
import { startBackgroundWork } from '../../src/queue/backgroundWork.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { TEST_DATABASE_URL } from '../support/testLedger.js';

// Wed 25 Nov 2026, 09:30 in Dublin.
const hub = useFakeHubSpot();

describe('SLA timers: escalation at its instant with no check-SLA workflow, across a restart', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'handoff-timers-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('routed, the server restarts, and the breach tells the manager at the due instant, not a second before', async () => {
    const base = await handoffPortal(hub);
    // A ledger of its own that outlives the "server": PGlite in a data directory (or the test PostgreSQL), closed and opened again.
    const open = () => openLedger(TEST_DATABASE_URL ? { databaseUrl: TEST_DATABASE_URL } : { dataDir: join(dir, 'ledger') });
    let ledger: SqlLedger = await open();
    if (TEST_DATABASE_URL) await ledger.eraseAll();
    const ctx = (): HandlerContext => ({ ...base, ledger });
    const { contactId } = seedLead(hub, corkDemoRequest(3));

    // First life: the lead is routed; its timer (the 75 % reminder) is set in the same transaction.
    let background = await startBackgroundWork({ ledger, context: ctx, now: () => hub.now(), pollMs: 60_000 });
    const routed = await routeLead(ctx(), { contactId, actor: { kind: 'workflow', id: 'wf' } });
    const due = Date.parse(routed.slaDueAt!);
    expect((await ledger.slaTimers()).next).toMatchObject({ contactId });
    await background.stop();
    await ledger.close();

    // Second life: nothing in memory survives, and no workflow ever calls "check SLA".
    ledger = await open();
    background = await startBackgroundWork({ ledger, context: ctx, now: () => hub.now(), pollMs: 60_000 });
    try {
      const steps = async () => (await ledger.timeline(contactId)).filter((e) => e.event === 'escalate').map((e) => e.step).reverse();
      hub.advance(due - 1_000 - hub.now().getTime());
      await background.drain();
      expect(await steps()).toEqual(['remind']); // the 75 % reminder fell due earlier; the breach has not
      hub.advance(1_000);
      await background.drain();
      expect(await steps()).toEqual(['remind', 'manager']);
      // the status reads breached from just past the due instant: a timer is set for it
      hub.advance(1);
      await background.drain();
      expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_sla_status')).toBe('breached');
      // the next timer is the reassignment, 4 business hours after the breach
      const next = (await ledger.slaTimers()).next;
      expect(next?.contactId).toBe(contactId);
      expect(next!.dueAt.getTime()).toBeGreaterThan(due);
      // a check that ran twice (a job redelivered) changes nothing the second time
      const counts = await background.queue.counts();
      expect(counts.find((c) => c.queue === 'handoff-sla-check')).toMatchObject({ parked: 0, retrying: 0 });
    } finally {
      await background.stop();
      await ledger.close();
    }
  });

  it('a handoff written before the timers existed gets its timer when the background work starts, once', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest(4));
    const routed = await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    const timer = (await ctx.ledger.slaTimers()).next!;
    // as a ledger from before migration 002 has it: the handoff, and no timer
    await ctx.ledger.transaction((tx) => tx.setSlaTimer(contactId, 1, null));
    expect((await ctx.ledger.slaTimers()).waiting).toBe(0);
    const background = await startBackgroundWork({ ledger: ctx.ledger, context: () => ctx, now: () => hub.now(), pollMs: 60_000 });
    try {
      expect((await ctx.ledger.slaTimers()).next).toEqual(timer);
      expect(await ctx.ledger.handoffsWithoutSlaTimer(['routed'], '', 10)).toEqual([]);
      expect(routed.outcome).toBe('routed');
    } finally {
      await background.stop();
    }
  });
});
