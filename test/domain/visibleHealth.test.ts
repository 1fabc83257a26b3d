import { handoffHealth } from '../../src/domain/metrics/handoffHealth.js';
import { seesHandoffOperations, visibleHealth } from '../../src/domain/metrics/visibleHealth.js';
import { withAttempts } from '../../src/domain/decisions/handoffAttempts.js';
import type { HandoffFacts } from '../../src/domain/metrics/handoffFacts.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// Who sees what on the health view, from the policy's roles.
const policy = defaultPolicy();
const now = new Date('2026-11-25T09:30:00Z');
const owners = ['102', '103', '202', '203', '302'];
const facts: HandoffFacts[] = owners.map((ownerId, i) => {
  const at = new Date(`2026-08-0${i + 3}T09:00:00Z`);
  const record = withAttempts({ contactId: String(2000 + i), state: 'routed', ownerId, handoffCount: 1, routedAt: at, mqlAt: at, slaDueAt: new Date(at.getTime() + 3_600_000), attempts: [], escalationsDone: [], version: 1 }, policy);
  return { contactId: record.contactId, stage: 'routed', ownerId, mqlAt: at, routedAt: at, attempts: record.attempts, handoffCount: 1 };
});
const health = handoffHealth(facts, { from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z'), label: '2026-Q3' }, policy, now);

describe('visibleHealth', () => {
  it.each([
    ['Siobhán (admin)', '101', 'admin', owners, ['ie-sales', 'uk-sales', 'enterprise']],
    ['James (manager of uk-sales)', '201', 'manager', ['202', '203'], ['uk-sales']],
    ['Priya (rep)', '202', 'rep', ['202'], ['uk-sales']],
    ['Gráinne (marketing)', '401', 'marketing', [], ['ie-sales', 'uk-sales', 'enterprise']],
    ['someone not in the policy', 'user:9', 'unknown', [], []],
  ])('%s sees %s', (_who, viewer, scope, people, teams) => {
    const v = visibleHealth(health, policy, viewer);
    expect(v.audience.scope).toBe(scope);
    expect(v.byOwner.map((o) => o.id).sort()).toEqual([...people].sort());
    expect(v.byTeam.map((t) => t.id).sort()).toEqual([...teams].sort());
    expect(v.funnel).toEqual(health.funnel); // the funnel is everyone's
    for (const a of v.attention) if (scope === 'rep') expect(a.ownerId).toBe(viewer);
  });
});

describe("who sees Handoff's own work (the health view's operations, the policy page's admin section)", () => {
  it.each([
    ['101', 'an admin (Siobhán Byrne)', true],
    ['201', 'a manager (James Carter)', true],
    ['102', 'a rep (Ciarán Murphy)', false],
    ['401', 'marketing (Gráinne Walsh)', false],
    ['999', 'someone not in the policy', false],
  ])('%s, %s: %s', (ownerId, _who, sees) => expect(seesHandoffOperations(policy, ownerId)).toBe(sees));

  it('a rep named as a team\'s manager sees it, as the health view treats them as a manager', () => {
    const p = { ...policy, teams: policy.teams.map((t) => (t.id === 'uk-sales' ? { ...t, manager: 'priya' } : t)) };
    expect(seesHandoffOperations(p, '202')).toBe(true);
    expect(visibleHealth(handoffHealth([], { from: now, to: now, label: 'x' } as never, p, now), p, '202').audience.scope).toBe('manager');
  });
});
