import { dueEscalations, escalationSchedule, nextEscalation, type EscalationInput } from '../../../src/domain/escalation/nextEscalation.js';
import { recyclingDecision, reMqlAllowed } from '../../../src/domain/recycling/recycling.js';
import { openAttempt, respond } from '../../../src/domain/sla/attempt.js';
import { defaultPolicy } from '../../support/policyFixtures.js';
import { calendar } from '../../support/calendarBuilder.js';

const policy = defaultPolicy();
const ie = calendar('IE');
// Routed Wed 25 Nov 2026 10:00 (Dublin = UTC in winter), standard 8 business-hour SLA.
const standard = policy.sla.tiers.find((t) => t.id === 'standard')!;
const attemptFrom = (start: string) => openAttempt(1, '102', 'route', new Date(start), standard, ie, policy);
const routed = (extra: Partial<EscalationInput> = {}): EscalationInput => ({ state: 'routed', attempt: attemptFrom('2026-11-25T10:00:00Z'), calendar: ie, stepsDone: [], ...extra });
const at = (iso: string) => new Date(iso);

describe('escalation ladder', () => {
  it('schedules each step in business time: 75 % → Wed 16:00, breach → Thu 09:30, breach + 4h → Thu 13:30', () => {
    expect(escalationSchedule(routed(), policy).map((s) => [s.step.id, s.dueAt.toISOString()])).toEqual([
      ['remind', '2026-11-25T16:00:00.000Z'],
      ['manager', '2026-11-26T09:30:00.000Z'],
      ['reassign', '2026-11-26T13:30:00.000Z'],
      ['stuck', '2026-12-02T10:00:00.000Z'],
    ]);
  });

  it.each([
    ['before 75 %', '2026-11-25T12:00:00Z', [], 'remind', false],
    ['at 75 %', '2026-11-25T16:00:00Z', [], 'remind', true],
    ['reminded; breach not yet', '2026-11-25T17:00:00Z', ['remind'], 'manager', false],
    ['breached', '2026-11-26T09:30:00Z', ['remind'], 'manager', true],
    ['manager told; reassign due after 4 business hours', '2026-11-26T13:29:00Z', ['remind', 'manager'], 'reassign', false],
    ['reassign due', '2026-11-26T13:30:00Z', ['remind', 'manager'], 'reassign', true],
  ])('next step %s', (_n, now, done, stepId, isDue) => {
    const next = nextEscalation(routed({ stepsDone: done }), policy, at(now));
    expect(next?.step.id).toBe(stepId);
    expect(next?.isDue).toBe(isDue);
  });

  it('nothing left once every step is taken or once the lead moved on; a response leaves only the stuck step', () => {
    expect(nextEscalation(routed({ stepsDone: ['remind', 'manager', 'reassign', 'stuck'] }), policy, at('2026-11-30T10:00:00Z'))).toBeUndefined();
    const answered = respond(attemptFrom('2026-11-25T10:00:00Z'), 'touch', at('2026-11-25T11:00:00Z'), policy, ie);
    expect(nextEscalation(routed({ attempt: answered }), policy, at('2026-11-26T10:00:00Z'))?.step.id).toBe('stuck');
    expect(nextEscalation(routed({ state: 'accepted' }), policy, at('2026-11-26T10:00:00Z'))).toBeUndefined();
  });

  it('a late check catches up on every step due, in order', () => {
    expect(dueEscalations(routed(), policy, at('2026-11-26T14:00:00Z')).map((s) => s.step.id)).toEqual(['remind', 'manager', 'reassign']);
    expect(dueEscalations(routed({ stepsDone: ['remind'] }), policy, at('2026-11-26T10:00:00Z')).map((s) => s.step.id)).toEqual(['manager']);
  });

  it('business hours stop the clock over a weekend: routed Friday 16:00, breach on Monday', () => {
    const fri = routed({ attempt: attemptFrom('2026-11-27T16:00:00Z') });
    expect(escalationSchedule(fri, policy).find((s) => s.step.id === 'manager')?.dueAt.toISOString()).toBe('2026-11-30T15:30:00.000Z');
  });
});

describe('recycling', () => {
  it.each([
    ['no-budget', true],
    ['bad-timing', true],
    ['no-response', true],
    ['not-a-fit', false],
    ['wrong-territory', false],
    ['competitor', false],
  ])('rejected as %s → recycle %s', (reason, recycle) => {
    const d = recyclingDecision({ state: 'rejected', rejectionReason: reason, calendar: ie }, policy, at('2026-11-25T10:00:00Z'));
    expect(d.recycle).toBe(recycle);
    if (d.recycle) expect(d.reEngagementOwner).toBe('grainne');
  });

  it('accepted with no activity for 10 business days recycles, not a minute before', () => {
    const input = { state: 'accepted' as const, acceptedAt: at('2026-11-02T10:00:00Z'), calendar: ie };
    const early = recyclingDecision(input, policy, at('2026-11-16T09:59:00Z'));
    expect(early).toEqual({ recycle: false, why: 'accepted; recycles if there is no sales activity by Mon 16 Nov 2026, 10:00', dueAt: at('2026-11-16T10:00:00Z') });
    expect(recyclingDecision(input, policy, at('2026-11-16T10:00:00Z')).recycle).toBe(true);
  });

  it('counts business days across the October bank holiday and the clock change', () => {
    // Accepted Fri 23 Oct 2026 11:00 IST; Mon 26 Oct is a holiday; 10 working days later is Mon 9 Nov 11:00 GMT.
    const d = recyclingDecision({ state: 'accepted', acceptedAt: at('2026-10-23T10:00:00Z'), calendar: ie }, policy, at('2026-11-01T10:00:00Z'));
    expect(d).toMatchObject({ recycle: false, dueAt: at('2026-11-09T11:00:00Z') });
  });

  it('sales activity resets the clock', () => {
    const d = recyclingDecision({ state: 'accepted', acceptedAt: at('2026-11-02T10:00:00Z'), lastActivityAt: at('2026-11-12T14:00:00Z'), calendar: ie }, policy, at('2026-11-20T10:00:00Z'));
    expect(d).toMatchObject({ recycle: false, dueAt: at('2026-11-26T14:00:00Z') });
  });

  it('the re-MQL guardrail holds a recycled lead for the cool-off', () => {
    const recycledAt = at('2026-11-01T09:00:00Z');
    expect(reMqlAllowed(recycledAt, policy, at('2026-11-30T09:00:00Z'))).toEqual({ allowed: false, allowedFrom: at('2026-12-01T09:00:00Z') });
    expect(reMqlAllowed(recycledAt, policy, at('2026-12-01T09:00:00Z')).allowed).toBe(true);
  });
});
