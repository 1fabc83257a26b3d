import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { ownerIdOf, fairnessWindowStart, fairnessWindowStarts } from './availability.js';
import type { RoutingSnapshot } from './snapshot.js';
import { talliesOf } from './assignmentTallies.js';

export type PoolStrategy = 'round_robin' | 'weighted_round_robin' | 'least_loaded';

export interface Pick {
  person: Person;
  /** How the choice was made, with the numbers compared. */
  how: string;
}

interface Tally {
  person: Person;
  count: number;
  last: number;
  open: number;
  order: number;
}

/** What a strategy ranks by (lowest first). A module-level function: tsx names every closure it makes, at a cost per decision. */
function scoreOf(strategy: PoolStrategy, t: Tally): number {
  return strategy === 'least_loaded' ? t.open : strategy === 'weighted_round_robin' ? t.count / t.person.weight : t.count;
}

/**
 * Pick one of the available people. Derived only from the snapshot (assignment counts and
 * times, open handoffs), so a replay gives the same answer; ties go to whoever waited
 * longest, then to the order of people in the policy.
 */
export function pickOwner(strategy: PoolStrategy, available: readonly Person[], policy: HandoffPolicy, snapshot: RoutingSnapshot, now: Date): Pick {
  const { start, returnedFromLeave } = fairnessWindowStart(available, policy, now);
  const since = start.getTime();
  const counted = snapshot.assignmentTallies ? snapshot.assignmentTallies.find((t) => Date.parse(t.since) === since) : talliesOf(snapshot.recentAssignments ?? [], fairnessWindowStarts(policy, now), now).find((t) => Date.parse(t.since) === since);
  if (!counted) throw new Error(`the routing snapshot counts assignments from ${(snapshot.assignmentTallies ?? []).map((t) => t.since).join(', ')} but routing needs them from ${start.toISOString()}`);
  // Assignments since the window start, and the latest one (counted by the ledger, or here from a list: talliesOf either way).
  const tallies: Tally[] = available.map((person) => {
    const id = ownerIdOf(person);
    const t = counted.byOwner[id];
    return { person, count: t?.count ?? 0, last: t ? Date.parse(t.last) : -Infinity, open: snapshot.openHandoffs[id] ?? 0, order: policy.people.indexOf(person) };
  });

  const sorted = [...tallies].sort((a, b) => scoreOf(strategy, a) - scoreOf(strategy, b) || (strategy === 'least_loaded' ? a.count - b.count : 0) || a.last - b.last || a.order - b.order);
  const winner = sorted[0]!;
  const sinceText = returnedFromLeave ? `since ${returnedFromLeave.name} came back from leave` : `in the last ${policy.routing.fairness.lookbackDays} days`;
  const numbers = sorted
    .map((t) =>
      strategy === 'least_loaded'
        ? `${t.person.name} ${t.open} open`
        : strategy === 'weighted_round_robin'
          ? `${t.person.name} ${t.count}/${t.person.weight}`
          : `${t.person.name} ${t.count}`,
    )
    .join(', ');
  const how =
    strategy === 'least_loaded'
      ? `least loaded (open handoffs: ${numbers})`
      : strategy === 'weighted_round_robin'
        ? `weighted round robin: fewest leads per unit of weight ${sinceText} (${numbers})`
        : `round robin: fewest leads ${sinceText} (${numbers})`;
  return { person: winner.person, how };
}
