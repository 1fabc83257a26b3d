import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { checkSla } from '../../src/handlers/checkSla.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { activitiesOf, propertiesOf, timeline } from '../support/handoffTimeline.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';
import { readBarrier } from '../support/readBarrier.js';

// HubSpot has no compare-and-set; Handoff's ledger has one (the handoff's version, updated in one
// statement, and the delivery log's unique key). These drills run handlers at once against one
// fake HubSpot and one ledger, and the barrier makes every one of them read HubSpot before any
// commits: the worst interleaving, every time.
const hub = useFakeHubSpot();
const HOUR = 3_600_000;
const workflow = (id: string) => ({ kind: 'workflow' as const, id });

type Settled<T> = PromiseSettledResult<T>;
const won = <T>(results: Settled<T>[]) => results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled');
const lost = <T>(results: Settled<T>[]) => results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { code: string; message: string });

async function routed(ctx: HandlerContext, n = 1) {
  const { contactId } = seedLead(hub, corkDemoRequest(n));
  const r = await routeLead(ctx, { contactId, actor: workflow('wf-mql') });
  return { contactId, ownerId: r.ownerId!, version: Number(propertiesOf(hub.fake, contactId).handoff_version) };
}

describe('concurrent actions on one handoff: exactly one wins', () => {
  it('accept and reject clicked at once by the owner: one transition, the other told CONFLICT, no stray note', async () => {
    const ctx = await handoffPortal(hub);
    const lead = await routed(ctx);
    const barrier = readBarrier(ctx.crm, 2);
    const owner = { kind: 'user' as const, id: lead.ownerId };
    const results = await Promise.allSettled([
      recordOutcome({ ...ctx, crm: barrier.gate() }, { contactId: lead.contactId, actor: owner, action: 'accept', expectedVersion: lead.version }),
      recordOutcome({ ...ctx, crm: barrier.gate() }, { contactId: lead.contactId, actor: owner, action: 'reject', reasonCode: 'bad-timing', note: 'Q2', expectedVersion: lead.version }),
    ]);
    expect(won(results)).toHaveLength(1);
    expect(lost(results)).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(lost(results)[0]!.message).toContain(`version ${lead.version}, now ${lead.version + 1}`);
    const events = timeline(hub.fake, lead.contactId).map((e) => e.event);
    // The winner's transitions only: an accept, or a reject (which, for a reason that recycles, is
    // written as its two transitions, reject then recycle). The loser wrote nothing.
    const winner = won(results)[0]!.value.transition!.event;
    expect(events).toEqual(winner === 'accept' ? ['route', 'accept'] : ['route', 'reject', ...(winner === 'reject' ? [] : [winner])]);
    const props = propertiesOf(hub.fake, lead.contactId);
    expect(props.handoff_stage).toBe(won(results)[0]!.value.stage);
    expect(props.handoff_version).toBe(String(lead.version + 1));
    // a note only if the rejection won (its stage rejected, or recycled for a reason that recycles), and then exactly one
    expect(activitiesOf(hub.fake, lead.contactId).notes).toHaveLength(winner === 'accept' ? 0 : 1);
    // nothing is left holding the handoff, so the next action is decided, not blocked: a recycle,
    // or (the rejection won and recycled it already) a new MQL, which the policy's cool-off refuses
    if (won(results)[0]!.value.stage === 'recycled') {
      await expect(routeLead(ctx, { contactId: lead.contactId, actor: workflow('wf-mql-again'), idempotencyKey: 'wf:again' })).rejects.toMatchObject({ details: expect.objectContaining({ domainCode: 'COOLING_OFF' }) });
    } else {
      const next = await recordOutcome(ctx, { contactId: lead.contactId, actor: workflow('wf-recycle'), action: 'recycle', reasonCode: 'nurture' });
      expect(next.stage).toBe('recycled');
    }
  });

  it('two deliveries of "route lead" from different enrolments at once: routed once (one task, handoff count 1), the other finds it already in a handoff', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const barrier = readBarrier(ctx.crm, 2);
    const results = await Promise.allSettled([
      routeLead({ ...ctx, crm: barrier.gate() }, { contactId, actor: workflow('wf-a'), idempotencyKey: 'wf:exec-a' }),
      routeLead({ ...ctx, crm: barrier.gate() }, { contactId, actor: workflow('wf-b'), idempotencyKey: 'wf:exec-b' }),
    ]);
    expect(won(results).map((r) => r.value.outcome).sort()).toEqual(['already_in_handoff', 'routed']);
    const winner = won(results).find((r) => r.value.outcome === 'routed')!.value;
    expect(timeline(hub.fake, contactId).map((e) => e.event)).toEqual(['route']);
    expect(activitiesOf(hub.fake, contactId).tasks).toEqual([winner.taskId]);
    expect(propertiesOf(hub.fake, contactId)).toMatchObject({ handoff_count: '1', handoff_version: '1', hubspot_owner_id: winner.ownerId });
    expect(await ctx.ledger.handoff(contactId)).toMatchObject({ state: 'routed', version: 1, ownerId: winner.ownerId, taskId: winner.taskId });
    // HubSpot retrying the loser later gets the state as it is, and changes nothing (either may win)
    const loser = results[0]!.status === 'fulfilled' && results[0]!.value.outcome === 'routed' ? 'b' : 'a';
    const retried = await routeLead(ctx, { contactId, actor: workflow(`wf-${loser}`), idempotencyKey: `wf:exec-${loser}` });
    expect(retried.outcome).toBe('already_in_handoff');
    expect(timeline(hub.fake, contactId)).toHaveLength(1);
  });

  it('the same delivery twice at once (HubSpot retried while the first was running): the duplicate answers with the first one\'s result, and so does a later retry', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    const barrier = readBarrier(ctx.crm, 2);
    const input = { contactId, actor: workflow('wf-a'), idempotencyKey: 'wf:exec-a' };
    const results = await Promise.allSettled([routeLead({ ...ctx, crm: barrier.gate() }, input), routeLead({ ...ctx, crm: barrier.gate() }, input)]);
    expect(won(results)).toHaveLength(2);
    expect(won(results).map((r) => Boolean(r.value.replayed)).sort()).toEqual([false, true]);
    expect(new Set(won(results).map((r) => r.value.ownerId)).size).toBe(1);
    const again = await routeLead(ctx, input);
    const { replayed, qualification: _q, ...same } = again;
    const { qualification: _w, ...winner } = won(results).find((r) => !r.value.replayed)!.value;
    expect(replayed).toBe(true);
    expect(same).toEqual(winner);
    expect(activitiesOf(hub.fake, contactId).tasks).toHaveLength(1);
  });

  it('two SLA checks at once on a breached lead: the reminder and the manager escalation go out once', async () => {
    const ctx = await handoffPortal(hub);
    const lead = await routed(ctx);
    hub.advance(2 * HOUR); // the hot tier's 1 business hour has passed
    const barrier = readBarrier(ctx.crm, 2);
    const results = await Promise.allSettled([checkSla({ ...ctx, crm: barrier.gate() }, { contactId: lead.contactId }), checkSla({ ...ctx, crm: barrier.gate() }, { contactId: lead.contactId })]);
    expect(won(results)).toHaveLength(2);
    // One decides the escalations; the other, ordered after it by the ledger, finds them done (or replays it).
    const escalated = won(results).filter((r) => r.value.escalations.length > 0 && !r.value.replayed);
    expect(escalated).toHaveLength(1);
    const first = escalated[0]!.value;
    const tasks = activitiesOf(hub.fake, lead.contactId).tasks;
    expect(tasks).toHaveLength(1 + first.escalations.length); // the follow-up, plus one per escalation
  });

  it('an SLA check whose status-only write lands after a re-route: the status left is the new handoff\'s, not the old one\'s breach', async () => {
    // No escalation steps, so the breach is a status-only write (no new version), queued in the outbox.
    const policy = parsedPolicyWith((p) => {
      p.escalation.steps = [];
      p.recycling.reMqlCoolOffDays = 0;
    });
    const ctx = await handoffPortal(hub, policy);
    const lead = await routed(ctx);
    hub.advance(2 * HOUR); // the hot tier's 1 business hour has passed: the first handoff is breached
    let meanwhile: Promise<unknown> | undefined;
    const slow = new Proxy(ctx.crm, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (name !== 'updateContact') return value.bind(target);
        return async (...args: unknown[]) => {
          // Before the check's write lands, the lead is recycled and routed again (a new SLA).
          meanwhile ??= (async () => {
            await recordOutcome(ctx, { contactId: lead.contactId, actor: workflow('wf-recycle'), action: 'recycle', reasonCode: 'nurture' });
            await routeLead(ctx, { contactId: lead.contactId, actor: workflow('wf-mql-again') });
          })();
          await meanwhile;
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    const checked = await checkSla({ ...ctx, crm: slow }, { contactId: lead.contactId });
    // The check answers for the handoff it read (breached); the outbox lands its reading before the
    // recycle and the new route, so what HubSpot is left with is the new handoff's status.
    expect(checked).toMatchObject({ stage: 'routed', slaStatus: 'breached' });
    expect(timeline(hub.fake, lead.contactId).map((e) => e.event)).toEqual(['route', 'recycle', 'route']);
    const history = hub.fake.store.get('contacts', lead.contactId)!.history.get('handoff_sla_status')!.map((h) => h.value);
    expect(history.slice(0, 2)).toEqual(['on_track', 'missed']); // newest first: the new route's on_track landed last (the old attempt closed past due: missed)
    expect(propertiesOf(hub.fake, lead.contactId).handoff_sla_status).toBe('on_track');
    expect((await ctx.ledger.outboxStatus()).pending).toBe(0);
  });

  it('without a barrier, 25 rounds of accept/reject/recycle racing on fresh handoffs never commit two actions', async () => {
    const ctx = await handoffPortal(hub);
    for (let n = 1; n <= 25; n++) {
      const lead = await routed(ctx, n);
      const owner = { kind: 'user' as const, id: lead.ownerId };
      const at = { contactId: lead.contactId, actor: owner, expectedVersion: lead.version };
      const results = await Promise.allSettled([
        recordOutcome(ctx, { ...at, action: 'accept' }),
        recordOutcome(ctx, { ...at, action: 'reject', reasonCode: 'no-budget' }),
        recordOutcome(ctx, { ...at, action: 'recycle', reasonCode: 'nurture' }),
      ]);
      // Exactly one wins (the others were clicked on the version it moved on from): never none, never two.
      expect(won(results)).toHaveLength(1);
      expect(lost(results).map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT']);
      // After the route, only the winner's transitions: one (accept, recycle) or two (a reject its reason recycles at once), all one action's.
      const [, ...after] = timeline(hub.fake, lead.contactId);
      expect(new Set(after.map((e) => e.key)).size).toBe(1);
      expect(after.map((e) => e.event)).toEqual(after[0]!.event === 'reject' ? ['reject', 'recycle'] : [after[0]!.event]);
      expect((await ctx.ledger.handoff(lead.contactId))?.version).toBe(lead.version + 1);
    }
  });
});
