import { talliesOf, withAssignment } from '../../../src/domain/routing/assignmentTallies.js';

// Fairness is counted one way: talliesOf (the ledger's SQL is held to it in sqlLedger.int.test).
// withAssignment, which a batch uses between its decisions, must land where counting again would.
const NOW = new Date('2026-11-25T10:00:00Z');
const DAY = 86_400_000;
const starts = [new Date(NOW.getTime() - 30 * DAY), new Date(NOW.getTime() - 7 * DAY)];
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
const history = [
  { ownerId: '102', at: at(40) }, // before the look-back: not counted, not the latest
  { ownerId: '102', at: at(20) },
  { ownerId: '103', at: at(3) },
  { ownerId: '103', at: at(10) },
  { ownerId: '104', at: at(45) }, // only before the look-back: absent, as the ledger leaves it
  { ownerId: '102', at: new Date(NOW.getTime() + 60_000).toISOString() }, // after now: not counted
];

describe('talliesOf', () => {
  it('counts per owner from each window start up to now, with the latest in the look-back', () => {
    expect(talliesOf(history, starts, NOW)).toEqual([
      { since: starts[0]!.toISOString(), byOwner: { '102': { count: 1, last: at(20) }, '103': { count: 2, last: at(3) } } },
      { since: starts[1]!.toISOString(), byOwner: { '102': { count: 0, last: at(20) }, '103': { count: 1, last: at(3) } } },
    ]);
  });

  it('counts a list and the same instants kept per owner alike, in any order', () => {
    const times = new Map<string, number[]>();
    for (const a of [...history].sort((x, y) => x.at.localeCompare(y.at))) times.set(a.ownerId, [...(times.get(a.ownerId) ?? []), Date.parse(a.at)]);
    expect(talliesOf(times, starts, NOW)).toEqual(talliesOf([...history].reverse(), starts, NOW));
  });

  it.each([
    ['an owner counted before', '103', 0],
    ['an owner with only older assignments', '104', 0],
    ['an owner never assigned', '105', 0],
    ['at the later window start exactly', '102', 7],
  ])('withAssignment for %s equals counting again', (_case, ownerId, daysAgo) => {
    const when = new Date(NOW.getTime() - daysAgo * DAY);
    const before = { openHandoffs: {}, assignmentTallies: talliesOf(history, starts, NOW) };
    const after = withAssignment(before, ownerId, when);
    expect(after.assignmentTallies).toEqual(talliesOf([...history, { ownerId, at: when.toISOString() }], starts, NOW));
    expect(after.openHandoffs).toEqual({ [ownerId]: 1 });
  });
});
