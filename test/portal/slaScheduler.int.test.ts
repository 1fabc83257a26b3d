import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { startBackgroundWork } from '../../src/queue/backgroundWork.js';
import { SlaScheduler } from '../../src/portal/slaScheduler.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';

// Wed 25 Nov 2026, 09:30 in Dublin.
const hub = useFakeHubSpot();

describe('SLA timers: durable jobs due on the handlers\' clock, with no check-SLA workflow', () => {
  it('an accepted lead with no activity goes back to marketing at its due instant, not at some later check', async () => {
    const ctx = await handoffPortal(hub);
    const scheduler = new SlaScheduler(() => ctx);
    const background = await startBackgroundWork({ ledger: ctx.ledger, context: () => ctx, now: () => hub.now(), pollMs: 60_000, onSlaCheck: (r) => scheduler.hear(r) });
    scheduler.attach(background);
    const { contactId } = seedLead(hub, corkDemoRequest(7));
    const routed = await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    hub.advance(5 * 60_000);
    // The acceptance sets the handoff's timer to its recycle instant in the same transaction.
    await recordOutcome(ctx, { contactId, action: 'accept', actor: { kind: 'user', id: routed.ownerId! } });

    // 10 business days after Wed 25 Nov 09:35, on the owner's Irish calendar: Wed 9 Dec 09:35.
    const due = Date.parse('2026-12-09T09:35:00Z');
    expect(await scheduler.nextEventAt()).toBe(due);
    hub.advance(due - 1_000 - hub.now().getTime());
    expect((await scheduler.sweep()).events).toEqual([]);
    hub.advance(1_000);
    const swept = await scheduler.sweep();
    expect(swept.events).toEqual([{ contactId, what: 'recycled to marketing' }]);
    expect(hub.fake.store.get('contacts', contactId)!.properties.get('handoff_stage')).toBe('recycled');
    expect(await scheduler.nextEventAt()).toBeUndefined();
    await background.stop();
  });
});
