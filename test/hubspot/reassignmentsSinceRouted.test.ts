import { reassignmentsSinceRouted } from '../../src/hubspot/contactRecord.js';

/** A timeline entry as HubSpot's property history gives it, minutes after 09:00. */
const at = (minute: number, event: string) => ({ value: JSON.stringify({ event }), at: new Date(Date.UTC(2026, 10, 25, 9, minute)) });

describe('reassignmentsSinceRouted: the reassignments of the current handoff, from its timeline', () => {
  it.each([
    ['no timeline', undefined, 0],
    ['routed only', [at(0, 'route')], 0],
    ['routed, reassigned twice (newest first, as HubSpot gives it)', [at(20, 'reassign'), at(10, 'reassign'), at(0, 'route')], 2],
    ['the same in any order', [at(0, 'route'), at(20, 'reassign'), at(10, 'reassign')], 2],
    ['a previous handoff\'s reassignments do not count after a re-route', [at(40, 'reassign'), at(30, 'route'), at(20, 'recycle'), at(10, 'reassign'), at(0, 'route')], 1],
    ['other events are not reassignments', [at(10, 'accept'), at(0, 'route')], 0],
    ['a hand-edited value that is not JSON is skipped', [{ value: 'moved by hand', at: new Date(Date.UTC(2026, 10, 25, 9, 30)) }, at(20, 'reassign'), at(0, 'route')], 1],
  ])('%s', (_label, history, expected) => {
    expect(reassignmentsSinceRouted(history)).toBe(expected);
  });
});
