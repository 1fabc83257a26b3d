import { decideOutcome } from '../../../src/domain/decisions/decideOutcome.js';
import { decideRouteLead } from '../../../src/domain/decisions/decideRouteLead.js';
import { decideSlaCheck, slaStatusOf } from '../../../src/domain/decisions/decideSlaCheck.js';
import { emptyRecord, type HandoffRecord } from '../../../src/domain/handoff/handoffRecord.js';
import type { HandoffPolicy } from '../../../src/domain/policy/policy.schema.js';
import type { RoutingSnapshot } from '../../../src/domain/routing/snapshot.js';
import { escalationSchedule } from '../../../src/domain/escalation/nextEscalation.js';
import { isStuck, openAttempt, respond } from '../../../src/domain/sla/attempt.js';
import { ensureAttempts } from '../../../src/domain/sla/legacyAttempts.js';
import { ownerCalendar } from '../../../src/domain/decisions/handoffOf.js';
import { mqlLead } from '../../support/leadBuilder.js';
import { defaultPolicy, parsedPolicyWith } from '../../support/policyFixtures.js';

// The SLA accounting, on the pure functions directly (no fake HubSpot, no clock): one attempt per
// assignment, credited to the owner who held it; met or missed decided at the first response.

const policy = defaultPolicy();
const WORKFLOW = { kind: 'workflow' as const, id: 'wf' };
const SYSTEM = { kind: 'system' as const, id: 'sla-check' };
const user = (id: string) => ({ kind: 'user' as const, id });
const noLoad: RoutingSnapshot = { openHandoffs: {}, recentAssignments: [] };
const lead = mqlLead(); // books a demo: the hot tier, 1 business hour
// Wed 25 Nov 2026, 09:30 in Dublin (UTC in winter): the hot SLA is due at 10:30.
const ROUTED = new Date('2026-11-25T09:30:00Z');
const min = (n: number) => new Date(ROUTED.getTime() + n * 60_000);

function routed(p: HandoffPolicy = policy, at = ROUTED): HandoffRecord {
  const d = decideRouteLead({ record: emptyRecord('1001'), lead, routing: noLoad }, p, at, WORKFLOW);
  if (d.outcome !== 'routed') throw new Error(d.outcome);
  return d.record;
}

describe('the response SLA stops at the owner’s first response', () => {
  it.each([
    ['accept', 59, 'met'],
    ['accept', 60, 'met'],
    ['accept', 61, 'missed'],
    ['reject', 1, 'met'],
    ['reject', 61, 'missed'],
  ] as const)('%s at %i min of a 60-min SLA → %s, and it never changes afterwards', (action, at, result) => {
    const r = routed();
    const d = decideOutcome(r, action === 'accept' ? { type: 'accept' } : { type: 'reject', reasonCode: 'not-a-fit' }, policy, min(at), user(r.ownerId!));
    const attempt = d.record.attempts.at(-1)!;
    expect([attempt.result, attempt.respondedBy, attempt.responseMinutes]).toEqual([result, action, at]);
    // Read much later, the status is what the response decided, and the property says the same.
    expect(slaStatusOf(d.record, policy, new Date('2026-12-20T12:00:00Z'))).toBe(result);
  });

  it('an accepted lead is never "breached" afterwards: the card and the property read the same attempt', () => {
    const r = routed();
    const accepted = decideOutcome(r, { type: 'accept' }, policy, min(2), user(r.ownerId!)).record;
    expect(slaStatusOf(accepted, policy, min(65))).toBe('met');
    const check = decideSlaCheck({ record: accepted }, policy, min(65), SYSTEM);
    expect(check.reading?.status).toBe('met');
  });

  it.each([
    ['a touch after routing', 20, 'met', 20],
    ['a touch exactly at routing', 0, 'met', 0],
    ['a touch before routing is not a touch', -30, 'open', undefined],
  ] as const)('%s', (_name, offset, result, minutes) => {
    const d = decideSlaCheck({ record: routed(), firstTouchAt: min(offset) }, policy, min(25), SYSTEM);
    const attempt = d.record.attempts.at(-1)!;
    expect(attempt.result).toBe(result);
    expect(attempt.firstTouchMinutes).toBe(minutes);
    expect(d.record.timeToFirstTouchMinutes).toBe(minutes);
  });

  it('the policy says which acts count: with respondedBy [touch], an accept does not stop the clock', () => {
    const touchOnly = parsedPolicyWith((p) => (p.sla.respondedBy = ['touch']));
    const r = routed(touchOnly);
    const accepted = decideOutcome(r, { type: 'accept' }, touchOnly, min(5), user(r.ownerId!)).record;
    expect(accepted.attempts.at(-1)!.result).toBe('open');
    const touched = decideSlaCheck({ record: accepted, firstTouchAt: min(70) }, touchOnly, min(71), SYSTEM).record;
    expect(touched.attempts.at(-1)).toMatchObject({ result: 'missed', respondedBy: 'touch', responseMinutes: 70 });
  });
});

describe('every assignment is an attempt, credited to the owner who held it', () => {
  // The reassign step falls due 4 business hours after the breach: 14:30 on the same day.
  const REASSIGN_AT = new Date('2026-11-25T14:30:00Z');

  it('breach then reassign: attempt 1 missed for A, attempt 2 open for B; B responds: B met, A still missed', () => {
    const r = routed();
    const a = r.ownerId!;
    const moved = decideSlaCheck({ record: r, lead, routing: noLoad }, policy, REASSIGN_AT, SYSTEM);
    const b = moved.record.ownerId!;
    expect(b).not.toBe(a);
    expect(moved.record.attempts.map((x) => [x.number, x.ownerId, x.source, x.result])).toEqual([
      [1, a, 'route', 'missed'],
      [2, b, 'reassign', 'open'],
    ]);
    const answered = decideSlaCheck({ record: moved.record, firstTouchAt: new Date('2026-11-25T14:50:00Z') }, policy, new Date('2026-11-25T15:00:00Z'), SYSTEM).record;
    expect(answered.attempts.map((x) => [x.ownerId, x.result, x.responseMinutes])).toEqual([
      [a, 'missed', undefined],
      [b, 'met', 20],
    ]);
  });

  it("a touch logged before B's attempt began is A's (late), never B's", () => {
    const moved = decideSlaCheck({ record: routed(), lead, routing: noLoad }, policy, REASSIGN_AT, SYSTEM).record;
    const d = decideSlaCheck({ record: moved, firstTouchAt: new Date('2026-11-25T12:00:00Z') }, policy, new Date('2026-11-25T15:00:00Z'), SYSTEM);
    expect(d.record.attempts.at(-1)!.result).toBe('open');
  });

  it('never back to an owner who missed; maxReassignments 2 → the third breach goes to the policy’s target (the team manager), once', () => {
    let record = routed();
    const owners = [record.ownerId!];
    let at = REASSIGN_AT;
    const steps: string[] = [];
    for (let breach = 1; breach <= 4; breach++) {
      const d = decideSlaCheck({ record, lead, routing: noLoad }, policy, at, SYSTEM);
      record = d.record;
      steps.push(d.reassigned ? `${d.reassigned.source} → ${record.ownerId}` : (d.escalations.find((e) => e.note)?.note ?? 'nothing'));
      owners.push(record.ownerId!);
      // The next owner's reassign step: 4 business hours after their own breach.
      const attempt = record.attempts.at(-1)!;
      at = escalationSchedule({ state: 'routed', attempt, calendar: ownerCalendar(policy, attempt.ownerId), stepsDone: [] }, policy).find((x) => x.step.action === 'reassign')!.dueAt;
    }
    const siobhan = policy.people.find((p) => p.id === 'siobhan')!.ownerId!;
    expect(steps.slice(0, 3)).toEqual([expect.stringMatching(/^reassign → /), expect.stringMatching(/^reassign → /), `exhausted → ${siobhan}`]);
    expect(steps[3]).toMatch(/not reassigned: it already went to Siobhán Byrne/);
    // Three different reps, then the manager: nobody had it twice.
    expect(new Set(owners.slice(0, 3)).size).toBe(3);
    expect(record.attempts.map((x) => x.source)).toEqual(['route', 'reassign', 'reassign', 'exhausted']);
    expect(record.attempts.slice(0, 3).every((x) => x.result === 'missed')).toBe(true);
    expect(record.routingExplanation).toContain('the policy allows 2 reassignments and 2 were made');
  });

  it('nobody left who has not had the lead → the policy’s target before the limit', () => {
    // Two reps in the Irish pool for a Northern Ireland lead's team: after one reassignment nobody is left.
    const small = parsedPolicyWith((p) => {
      p.people = p.people.filter((x: { id: string }) => x.id !== 'niamh');
    });
    let record = routed(small);
    const first = decideSlaCheck({ record, lead, routing: noLoad }, small, REASSIGN_AT, SYSTEM);
    record = first.record;
    const second = decideSlaCheck({ record, lead, routing: noLoad }, small, new Date('2026-11-26T13:30:00Z'), SYSTEM);
    expect(second.reassigned?.source).toBe('exhausted');
    expect(second.record.routingExplanation).toContain('nobody who has not already had this lead is available');
  });
});

describe('outcomes act at once', () => {
  it('a reroute reason routes again in the same action, never to the rejecting owner, and says so', () => {
    const r = routed();
    const d = decideOutcome(r, { type: 'reject', reasonCode: 'wrong-territory' }, policy, min(10), user(r.ownerId!), { lead, routing: noLoad });
    expect(d.transitions.map((t) => t.event)).toEqual(['reject', 'reroute']);
    expect(d.record.state).toBe('routed');
    expect(d.record.ownerId).not.toBe(r.ownerId);
    expect(d.record.attempts.map((x) => [x.ownerId, x.result, x.source])).toEqual([
      [r.ownerId, 'met', 'route'],
      [d.record.ownerId, 'open', 'reroute'],
    ]);
    expect(d.rerouted?.explanation).toMatch(/^Rejected as "Wrong territory or team", which the policy reroutes: .* rejected it for another owner; never back to an owner who had it\./);
    expect(d.task?.ownerId).toBe(d.record.ownerId);
  });

  it('a recycle reason recycles in the same action; disqualify ends the handoff', () => {
    const r = routed();
    const recycled = decideOutcome(r, { type: 'reject', reasonCode: 'no-budget' }, policy, min(10), user(r.ownerId!));
    expect(recycled.transitions.map((t) => t.event)).toEqual(['reject', 'recycle']);
    expect(recycled.record).toMatchObject({ state: 'recycled', recycledAt: min(10), rejectionReason: 'no-budget' });
    const ended = decideOutcome(r, { type: 'reject', reasonCode: 'not-a-fit' }, policy, min(10), user(r.ownerId!));
    expect([ended.record.state, ended.record.attempts.at(-1)!.endedWhy]).toEqual(['rejected', 'rejected: Not a fit for our product']);
  });

  it('a recycle takes a reason from the policy’s list; an unknown one is refused naming the list', () => {
    const r = routed();
    const d = decideOutcome(r, { type: 'recycle', reasonCode: 'future-interest' }, policy, min(10), user(r.ownerId!));
    expect(d.record).toMatchObject({ state: 'recycled', recycleReason: 'future-interest' });
    expect(d.transition.reason).toBe('Recycled to marketing: Interested later (next quarter or beyond)');
    expect(() => decideOutcome(r, { type: 'recycle', reasonCode: 'bored' }, policy, min(10), user(r.ownerId!))).toThrow(/recycle reason "bored" is not in the policy's list \(nurture, no-response, future-interest, wrong-contact\)/);
  });

  it('accepted without activity: the check asks to come back at the recycle instant, and recycles then', () => {
    const r = routed();
    const accepted = decideOutcome(r, { type: 'accept' }, policy, min(5), user(r.ownerId!)).record;
    const early = decideSlaCheck({ record: accepted }, policy, min(6), SYSTEM);
    // 10 business days after Wed 25 Nov 09:35: Wed 9 Dec 09:35 (no holiday in between).
    expect(early.nextCheckAt).toEqual(new Date('2026-12-09T09:35:00Z'));
    expect(decideSlaCheck({ record: accepted }, policy, early.nextCheckAt!, SYSTEM).record.state).toBe('recycled');
  });
});

describe('a decision SLA: routed leads nobody accepts or rejects are stuck', () => {
  const ie = ownerCalendar(policy, '102');
  const standard = policy.sla.tiers.find((t) => t.id === 'standard')!;
  it.each([
    // Routed Mon 21 Dec 10:00: the office closure on 24 Dec and Christmas (Fri 25) do not count, St Stephen's falls on the
    // Saturday (its substitute Monday is a bank day, not a public holiday, in date-holidays): 22, 23, 28, 29, 30 Dec.
    ['2026-12-21T10:00:00Z', '2026-12-30T10:00:00Z', '2026-12-30T10:01:00Z'],
    // Routed Fri 23 Oct 11:00 IST: Mon 26 Oct is the October bank holiday and the clocks go back; due Mon 2 Nov 11:00 GMT.
    ['2026-10-23T10:00:00Z', '2026-11-02T11:00:00Z', '2026-11-02T11:01:00Z'],
  ])('routed %s: not stuck at %s, stuck at %s', (start, before, after) => {
    const attempt = openAttempt(1, '102', 'route', new Date(start), standard, ie, policy);
    expect(isStuck(attempt, 'routed', new Date(before))).toBe(false);
    expect(isStuck(attempt, 'routed', new Date(after))).toBe(true);
    expect(isStuck(attempt, 'accepted', new Date(after))).toBe(false);
  });

  it('the stuck step escalates a touched lead nobody decided on, by the ladder', () => {
    const r = routed();
    const touched = decideSlaCheck({ record: r, firstTouchAt: min(20) }, policy, min(25), SYSTEM);
    expect(touched.nextCheckAt).toEqual(touched.record.attempts[0]!.decisionDueAt);
    const stuck = decideSlaCheck({ record: touched.record }, policy, touched.nextCheckAt!, SYSTEM);
    expect(stuck.escalations.map((e) => [e.step.id, e.to])).toEqual([['stuck', policy.people.find((p) => p.id === 'siobhan')!.ownerId]]);
    expect(stuck.tasks[0]?.subject).toBe('Stuck lead: Tell the team manager the lead is stuck (no accept or reject in 5 business days)');
  });
});

describe('a record from before attempts were kept', () => {
  it('gets its one attempt back from its fields: the first of touch, accept or reject is the response', () => {
    const r = routed();
    const { attempts: _a, ...legacy } = { ...r, state: 'accepted' as const, acceptedAt: min(90), firstTouchAt: min(30) };
    const back = ensureAttempts({ ...legacy, attempts: [] }, policy, (id) => ownerCalendar(policy, id));
    expect(back.attempts).toHaveLength(1);
    expect(back.attempts[0]).toMatchObject({ ownerId: r.ownerId, result: 'met', respondedBy: 'touch', responseMinutes: 30, firstTouchMinutes: 30 });
    expect(respond(back.attempts[0]!, 'accept', min(90), policy, ownerCalendar(policy, r.ownerId)).respondedBy).toBe('touch');
  });
});
