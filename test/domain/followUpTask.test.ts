import { followUpTask, type HandedBecause } from '../../src/domain/decisions/followUpTask.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// One rule for the new owner's follow-up task, whoever handed the lead over.
const policy = defaultPolicy();
const due = new Date('2026-11-25T10:30:00Z');
const task = (because: HandedBecause, hot: boolean, p = policy) => followUpTask(p, { because, ownerId: '102', tier: { hot }, dueAt: due, subject: 'Follow up', body: 'why' });

describe('followUpTask', () => {
  it.each([
    ['routed', true, 'HIGH'],
    ['routed', false, 'MEDIUM'],
    ['rerouted', true, 'HIGH'],
    ['rerouted', false, 'MEDIUM'],
    ['reassigned', true, 'HIGH'],
    ['reassigned', false, 'HIGH'],
  ] as const)('%s, hot %s: priority %s, due with the SLA', (because, hot, priority) => {
    expect(task(because, hot)).toEqual({ ownerId: '102', subject: 'Follow up', body: 'why', dueAt: due, priority });
  });

  it('is not made when the policy does not ask for follow-up tasks', () => {
    const quiet = { ...policy, notifications: { ...policy.notifications, followUpTask: false } };
    for (const because of ['routed', 'rerouted', 'reassigned'] as const) expect(task(because, true, quiet)).toBeUndefined();
  });
});
