import type { AssignmentTally } from './snapshot.js';

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
