import { isDomainError } from '../../../src/domain/errors.js';
import { HANDOFF_STATES, newHandoff, type Handoff, type HandoffEvent, type HandoffState } from '../../../src/domain/handoff/handoff.js';
import { IN_HANDOFF_STATES, transition, TRANSITIONS } from '../../../src/domain/handoff/stateMachine.js';
import { mayActOn } from '../../../src/domain/decisions/handoffOf.js';
import { defaultPolicy, parsedPolicyWith } from '../../support/policyFixtures.js';

const policy = defaultPolicy();
const AT = new Date('2026-11-25T09:30:00Z');
const rep = { kind: 'user' as const, id: '103' };
const system = { kind: 'system' as const, id: 'router' };

const EVENTS: Record<string, HandoffEvent> = {
  qualify: { type: 'qualify' },
  route: { type: 'route', ownerId: '103', ruleId: 'territory' },
  reassign: { type: 'reassign', ownerId: '102' },
  reroute: { type: 'reroute', ownerId: '104' },
  accept: { type: 'accept' },
  reject: { type: 'reject', reasonCode: 'no-budget', note: 'Budget frozen until April' },
  convert: { type: 'convert', dealId: '9001' },
  recycle: { type: 'recycle', reEngagementOwnerId: '401' },
};

const at = (state: HandoffState): Handoff => ({ ...newHandoff('c1'), state, ownerId: '103', handoffCount: 1, policyVersion: policy.version });

// The whole (state × event) table: exactly the listed moves are legal, everything else is a typed error.
const LEGAL: [HandoffState, string, HandoffState][] = [
  ['new', 'qualify', 'mql'],
  ['recycled', 'qualify', 'mql'],
  ['mql', 'route', 'routed'],
  ['routed', 'reassign', 'routed'],
  ['routed', 'accept', 'accepted'],
  ['routed', 'reject', 'rejected'],
  ['accepted', 'convert', 'converted'],
  ['routed', 'recycle', 'recycled'],
  ['accepted', 'recycle', 'recycled'],
  ['rejected', 'recycle', 'recycled'],
  ['rejected', 'reroute', 'routed'],
];

describe('handoff state machine', () => {
  const all = HANDOFF_STATES.flatMap((s) => Object.keys(EVENTS).map((e) => [s, e] as const));

  it.each(all)('%s --%s-->', (state, event) => {
    const legal = LEGAL.find(([s, e]) => s === state && e === event);
    const run = () => transition(at(state), EVENTS[event]!, { actor: rep, at: AT, policy });
    if (legal) {
      expect(run().state).toBe(legal[2]);
    } else {
      expect(run).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: expect.stringContaining(`cannot ${event} a handoff that is ${state}`) }));
    }
  });

  it('the table in the code is the table in this test', () => {
    const fromCode = Object.entries(TRANSITIONS).flatMap(([e, t]) => t.from.map((s) => `${s} ${e} ${t.to}`)).sort();
    expect(fromCode).toEqual(LEGAL.map(([s, e, to]) => `${s} ${e} ${to}`).sort());
  });

  it('every transition carries actor, time, policy version and reason; the input is not changed', () => {
    const start = newHandoff('c1');
    const mql = transition(start, { type: 'qualify' }, { actor: system, at: AT, policy });
    const routed = transition(mql, EVENTS.route!, { actor: system, at: new Date('2026-11-25T09:31:00Z'), policy });
    const rejected = transition(routed, EVENTS.reject!, { actor: rep, at: new Date('2026-11-25T11:00:00Z'), policy });

    expect(start.history).toEqual([]);
    expect(rejected.state).toBe('rejected');
    expect(rejected.history).toEqual([
      { event: 'qualify', from: 'new', to: 'mql', at: '2026-11-25T09:30:00.000Z', actor: system, policyVersion: '2026.12.2', reason: 'Met the MQL definition' },
      { event: 'route', from: 'mql', to: 'routed', at: '2026-11-25T09:31:00.000Z', actor: system, policyVersion: '2026.12.2', reason: 'Routed by rule territory', ownerId: '103', ruleId: 'territory' },
      { event: 'reject', from: 'routed', to: 'rejected', at: '2026-11-25T11:00:00.000Z', actor: rep, policyVersion: '2026.12.2', reason: 'No budget this year', ownerId: '103', rejectionReason: 'no-budget', note: 'Budget frozen until April' },
    ]);
  });

  it('rejecting needs a reason from the policy list', () => {
    let thrown: unknown;
    try {
      transition(at('routed'), { type: 'reject', reasonCode: 'meh' }, { actor: rep, at: AT, policy });
    } catch (e) {
      thrown = e;
    }
    expect(isDomainError(thrown, 'REJECTION_REASON_UNKNOWN')).toBe(true);
    expect((thrown as Error).message).toBe('rejection reason "meh" is not in the policy\'s list (not-a-fit, no-budget, bad-timing, no-response, wrong-territory, existing-customer, duplicate, student-or-job-seeker, competitor)');
  });

  it('re-MQL after recycling starts a new handoff under the current policy version', () => {
    const v2 = parsedPolicyWith((p) => { p.version = '2027.01.0'; });
    const recycled = transition(at('rejected'), EVENTS.recycle!, { actor: system, at: AT, policy });
    expect(recycled).toMatchObject({ state: 'recycled', ownerId: '401' });
    const again = transition(recycled, { type: 'qualify' }, { actor: system, at: new Date('2027-01-10T10:00:00Z'), policy: v2 });
    expect(again).toMatchObject({ state: 'mql', handoffCount: 2, policyVersion: '2027.01.0' });
    expect(again.ownerId).toBeUndefined();
    expect(again.history.at(-1)).toMatchObject({ reason: 'Re-qualified as an MQL after recycling', policyVersion: '2027.01.0' });
  });

  it('a reason given by the caller is kept', () => {
    const h = transition(at('routed'), EVENTS.reassign!, { actor: system, at: AT, policy, reason: 'SLA breached + 4h: escalation step "reassign"' });
    expect(h.history.at(-1)).toMatchObject({ event: 'reassign', ownerId: '102', reason: 'SLA breached + 4h: escalation step "reassign"' });
  });
});

describe('one definition each: the states of a handoff in progress, and who may act on it', () => {
  const policy = defaultPolicy();
  it('in a handoff: every state a lead cannot become an MQL from, but the MQL itself (from the transition table)', () => {
    expect(IN_HANDOFF_STATES).toEqual(['routed', 'accepted', 'rejected', 'converted']);
  });

  it.each([
    ['the owner', { kind: 'user' as const, id: '102' }, true],
    ["the owner's team manager", { kind: 'user' as const, id: '101' }, true],
    ['a rep in the same team', { kind: 'user' as const, id: '103' }, false],
    ['another team\'s manager', { kind: 'user' as const, id: '201' }, false],
    ['a workflow', { kind: 'workflow' as const, id: 'wf' }, true],
    ['the system', { kind: 'system' as const, id: 'sla-check' }, true],
  ])('%s: %s', (_who, actor, expected) => {
    expect(mayActOn(policy, { ownerId: '102' }, actor)).toBe(expected);
  });
});
