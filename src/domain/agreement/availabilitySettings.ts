import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { daysInWords } from '../labels/dayInWords.js';

/**
 * Availability set inside HubSpot (the policy page), not a policy change: a rep out of office from
 * a date to a date, or a rep's capacity. Routing reads it through the policy it runs under
 * (`withAvailability`), beside the policy's own planned leave.
 */
export type AvailabilityChange = { kind: 'out-of-office'; from: string; to: string; label?: string } | { kind: 'capacity'; capacity: number };

export type AvailabilitySetting = AvailabilityChange & {
  id: number;
  personId: string;
  setBy: { personId: string; name: string };
  setAt: Date;
};

/**
 * Who may set a person's availability: the person themself, a manager of their team (named the
 * team's manager, or a manager in it) and an admin. The one rule the page and the handler read.
 */
export function maySetAvailability(policy: HandoffPolicy, actor: Person | undefined, target: Person): { may: true } | { may: false; why: string } {
  if (!actor) return { may: false, why: `You are not in the handoff policy's people, so you cannot set ${target.name}'s availability (ask RevOps to add you).` };
  if (actor.id === target.id || actor.role === 'admin') return { may: true };
  const team = policy.teams.find((t) => t.id === target.team);
  if (team && (team.manager === actor.id || (actor.role === 'manager' && actor.team === team.id))) return { may: true };
  return { may: false, why: `${actor.name} may set their own availability and that of the people in the teams they manage; ${target.name} is not one of them.` };
}

/** The sales people (routed to) whose availability this person may set, themself first. */
export function availabilityTheyMaySet(policy: HandoffPolicy, actor: Person | undefined): Person[] {
  const routed = policy.people.filter((p) => p.role !== 'marketing' && p.team !== undefined);
  return routed.filter((p) => maySetAvailability(policy, actor, p).may).sort((a, b) => Number(b.id === actor?.id) - Number(a.id === actor?.id));
}

/** The policy as routing runs it: each person's out-of-office set in HubSpot beside their planned leave, and the latest capacity set. */
export function withAvailability(policy: HandoffPolicy, settings: readonly AvailabilitySetting[]): HandoffPolicy {
  if (!settings.length) return policy;
  const byPerson = new Map<string, AvailabilitySetting[]>();
  for (const s of settings) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s]);
  return {
    ...policy,
    people: policy.people.map((p) => {
      const own = byPerson.get(p.id);
      if (!own) return p;
      const away = own.flatMap((s) => (s.kind === 'out-of-office' ? [{ from: s.from, to: s.to, ...(s.label ? { label: s.label } : {}), setBy: s.setBy.name }] : []));
      const capacity = own.filter((s) => s.kind === 'capacity').sort((a, b) => a.setAt.getTime() - b.setAt.getTime() || a.id - b.id).at(-1);
      return { ...p, outOfOffice: [...p.outOfOffice, ...away], ...(capacity?.kind === 'capacity' ? { capacity: capacity.capacity } : {}) };
    }),
  };
}

/** A setting in words, as the page and the answer to whoever set it say it: "out of office Tue 1 Dec to Sat 2 Jan 2027 (Parental leave)". */
export function availabilityInWords(change: AvailabilityChange, today: string): string {
  return change.kind === 'capacity' ? `takes at most ${change.capacity} open handoffs` : `out of office ${daysInWords(change.from, change.to, today)}${change.label ? ` (${change.label})` : ''}`;
}
