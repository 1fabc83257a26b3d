import type { AssignmentTally, RoutingSnapshot } from './snapshot.js';

/** Assignments counted per owner from each window start up to `now` (what a ledger computes in SQL), from a list. */
export function talliesOf(assignments: readonly { ownerId: string; at: string }[], windowStarts: readonly Date[], now: Date): AssignmentTally[] {
  return windowStarts.map((start) => {
    const byOwner: Record<string, { count: number; last: string }> = {};
    for (const a of assignments) {
      const t = Date.parse(a.at);
      if (t > now.getTime()) continue;
      const o = (byOwner[a.ownerId] ??= { count: 0, last: a.at });
      if (t >= start.getTime()) o.count++;
      if (t > Date.parse(o.last)) o.last = a.at;
    }
    return { since: start.toISOString(), byOwner };
  });
}

/**
 * The routing load after one more assignment at `at` (a handoff now open for `ownerId`): what the
 * ledger would count if asked again, without asking. Routings decided together in one pass under
 * the lock at one instant use it between decisions, so each sees the ones before it, exactly as
 * routing them one by one would (the burst benchmark holds the two to the same owners).
 */
export function withAssignment<S extends Pick<RoutingSnapshot, 'openHandoffs' | 'recentAssignments' | 'assignmentTallies'>>(snapshot: S, ownerId: string, at: Date): S {
  const iso = at.toISOString();
  return {
    ...snapshot,
    openHandoffs: { ...snapshot.openHandoffs, [ownerId]: (snapshot.openHandoffs[ownerId] ?? 0) + 1 },
    ...(snapshot.assignmentTallies
      ? {
          assignmentTallies: snapshot.assignmentTallies.map((t) => {
            const was = t.byOwner[ownerId];
            return { since: t.since, byOwner: { ...t.byOwner, [ownerId]: { count: (was?.count ?? 0) + (at.getTime() >= Date.parse(t.since) ? 1 : 0), last: was && Date.parse(was.last) > at.getTime() ? was.last : iso } } };
          }),
        }
      : { recentAssignments: [...snapshot.recentAssignments, { ownerId, at: iso }] }),
  };
}
