import type { AssignmentTally, RoutingSnapshot } from './snapshot.js';

/** Assignment instants (epoch ms) per owner, oldest first. */
export type AssignmentTimes = ReadonlyMap<string, readonly number[]>;

/**
 * The one count fairness reads: per owner, the assignments from each window start up to `now`, and
 * the latest in the look-back (from the earliest window start) up to `now`. The ledger computes the
 * same in SQL (a test holds the two equal); a list of assignments, or instants kept per owner as a
 * simulation keeps them, is counted here.
 */
export function talliesOf(assignments: AssignmentTimes | readonly { ownerId: string; at: string }[], windowStarts: readonly Date[], now: Date): AssignmentTally[] {
  const times = assignments instanceof Map ? (assignments as AssignmentTimes) : timesOf(assignments as readonly { ownerId: string; at: string }[]);
  const nowMs = now.getTime();
  const lookBack = Math.min(...windowStarts.map((s) => s.getTime()));
  return windowStarts.map((start) => {
    const byOwner: Record<string, { count: number; last: string }> = {};
    for (const [ownerId, ts] of times) {
      const upToNow = firstAtOrAfter(ts, nowMs + 1);
      if (upToNow === 0 || ts[upToNow - 1]! < lookBack) continue;
      byOwner[ownerId] = { count: Math.max(0, upToNow - firstAtOrAfter(ts, start.getTime())), last: new Date(ts[upToNow - 1]!).toISOString() };
    }
    return { since: start.toISOString(), byOwner };
  });
}

/** A list of assignments as instants per owner, oldest first. */
function timesOf(list: readonly { ownerId: string; at: string }[]): AssignmentTimes {
  const times = new Map<string, number[]>();
  for (const a of list) {
    const ts = times.get(a.ownerId) ?? [];
    ts.push(Date.parse(a.at));
    times.set(a.ownerId, ts);
  }
  for (const ts of times.values()) ts.sort((a, b) => a - b);
  return times;
}

/** The first index in ascending `times` at or after `t`. */
function firstAtOrAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
      : { recentAssignments: [...(snapshot.recentAssignments ?? []), { ownerId, at: iso }] }),
  };
}
