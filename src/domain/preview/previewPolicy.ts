import { criterionKey } from '../evidence/definitionCriteria.js';
import { isAccepted, isDecided, type LeadOutcome } from '../evidence/leadOutcome.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { Qualification } from '../qualification/qualify.js';
import { simulate, type SimulatedLead, type SimulationSummary } from '../simulation/simulate.js';
import { definitionChanges, disqualifierKey, type DefinitionChange } from './definitionChanges.js';

/** A lead of the period: what simulate needs, and what sales actually did with it. */
export interface PreviewLead extends SimulatedLead {
  outcome: LeadOutcome;
  /** Whether it was in a handoff at all (an MQL routed to sales). */
  handedOff: boolean;
}

/** What a set of leads actually did. */
export interface LeadsDid {
  leads: number;
  /** In a handoff, and sales accepted, rejected or recycled it. */
  decided: number;
  accepted: number;
  opportunities: number;
}

export interface PreviewSide {
  version: string;
  name: string;
  mqls: number;
  mqlRate: number;
  disqualified: number;
  toFallback: number;
}

export interface OwnerPreview {
  personId: string;
  name: string;
  team: string;
  current: number;
  proposed: number;
}

export interface TeamPreview {
  teamId: string;
  name: string;
  current: { leads: number; leadsPerWeek: number; slaHoursPerWeek: number };
  proposed: { leads: number; leadsPerWeek: number; slaHoursPerWeek: number };
}

export interface ChangePreview extends DefinitionChange {
  /** Leads no longer MQLs whose result on this criterion differs, and what they did. */
  out: LeadsDid;
  /** Leads newly MQLs whose result on this criterion differs. */
  in: LeadsDid;
  /** The whole sentence: 'drops "X": 212 fewer MQLs, of which 40 were accepted and 9 became opportunities'. */
  sentence: string;
}

export interface PolicyPreview {
  leads: number;
  /** The span of arrivals the per-week figures divide by (at least one week). */
  weeks: number;
  from?: string;
  to?: string;
  current: PreviewSide;
  proposed: PreviewSide;
  newlyIn: LeadsDid;
  newlyOut: LeadsDid;
  owners: OwnerPreview[];
  teams: TeamPreview[];
  changes: ChangePreview[];
  /** Leads that stay MQLs but go to another owner. */
  movedOwner: number;
}

const WEEK = 7 * 24 * 3_600_000;
const none = (): LeadsDid => ({ leads: 0, decided: 0, accepted: 0, opportunities: 0 });
function did(t: LeadsDid, l: PreviewLead) {
  t.leads++;
  if (!l.handedOff || !isDecided(l.outcome)) return;
  t.decided++;
  if (isAccepted(l.outcome)) t.accepted++;
  if (l.outcome === 'opportunity') t.opportunities++;
}

/**
 * The results of the changed criteria (fit, engagement or disqualifier; undefined where this version
 * lacks one) for one lead, in the order of `keys`: kept for every lead, so only what attribution reads.
 */
function results(policy: HandoffPolicy, q: Qualification, keys: readonly string[]): (boolean | undefined)[] {
  if (!keys.length) return [];
  const m = new Map(q.criteria.map((c) => [criterionKey(c), c.met] as const));
  const hit = new Set((q.disqualifiedBy ?? []).map((d) => disqualifierKey(d)));
  for (const d of policy.definitions.mql.disqualifiers) m.set(disqualifierKey(d), hit.has(disqualifierKey(d)));
  return keys.map((k) => m.get(k));
}

/**
 * Which way a criterion's result pulls a lead: a criterion met pulls it in (+1) and one unmet holds
 * it back (-1); a disqualifier that applies pushes it out (-1); a criterion the version lacks does
 * neither. A change counts for a lead that moved the way the change pulled it.
 */
const pull = (met: boolean | undefined, disqualifier: boolean) => (met === undefined ? 0 : disqualifier ? (met ? -1 : 0) : met ? 1 : -1);

const side = (policy: HandoffPolicy, s: SimulationSummary): PreviewSide => ({ version: policy.version, name: policy.name, mqls: s.mqls, mqlRate: s.mqlRate, disqualified: s.disqualified, toFallback: s.toFallback });

function sentence(c: DefinitionChange, out: LeadsDid, inn: LeadsDid): string {
  const parts: string[] = [];
  if (out.leads) parts.push(`${out.leads} fewer MQL${out.leads === 1 ? '' : 's'}, of which ${out.accepted} ${out.accepted === 1 ? 'was' : 'were'} accepted and ${out.opportunities === 1 ? '1 became an opportunity' : `${out.opportunities} became opportunities`}`);
  if (inn.leads) parts.push(`${inn.leads} more MQL${inn.leads === 1 ? '' : 's'} (leads sales never saw: history cannot tell how they would have done)`);
  return `${c.words}: ${parts.length ? parts.join('; ') : 'no lead of the period would have been judged differently'}`;
}

/**
 * Two versions of the policy over the same leads in arrival order, through the pure core (each
 * simulated as `simulate` does): the MQLs under each, the leads newly in and newly out and what the
 * newly-out ones actually did, each owner's leads and each team's SLA load per week, and each change
 * to the definition with the leads it moves. A lead can count under more than one change.
 */
export function previewPolicy(leads: readonly PreviewLead[], current: HandoffPolicy, proposed: HandoffPolicy): PolicyPreview {
  const changes = definitionChanges(current, proposed).map((c) => ({ c, out: none(), in: none() }));
  const keys = changes.map((ch) => ch.c.key);
  const before = new Map<string, (boolean | undefined)[]>();
  const after = new Map<string, (boolean | undefined)[]>();
  const a = simulate(leads, current, { onQualified: (l, q) => before.set(l.id, results(current, q, keys)) });
  const b = simulate(leads, proposed, { onQualified: (l, q) => after.set(l.id, results(proposed, q, keys)) });
  const byId = new Map(leads.map((l) => [l.id, l]));
  const outA = new Map(a.outcomes.map((o) => [o.id, o]));

  const newlyIn = none();
  const newlyOut = none();
  let movedOwner = 0;
  for (const ob of b.outcomes) {
    const oa = outA.get(ob.id)!;
    const lead = byId.get(ob.id)!;
    const wasMql = oa.stage === 'mql';
    const isMql = ob.stage === 'mql';
    if (wasMql && isMql) {
      if (oa.personId !== ob.personId) movedOwner++;
      continue;
    }
    if (wasMql === isMql) continue;
    did(isMql ? newlyIn : newlyOut, lead);
    const ra = before.get(ob.id)!;
    const rb = after.get(ob.id)!;
    for (const [i, ch] of changes.entries()) {
      const moved = pull(rb[i], ch.c.disqualifier) - pull(ra[i], ch.c.disqualifier);
      if (isMql ? moved > 0 : moved < 0) did(isMql ? ch.in : ch.out, lead);
    }
  }

  // A loop, not Math.min(...): spreading a few hundred thousand arguments overflows the stack.
  let first = Infinity;
  let last = -Infinity;
  for (const l of leads) {
    first = Math.min(first, l.arrivedAt.getTime());
    last = Math.max(last, l.arrivedAt.getTime());
  }
  const weeks = leads.length ? Math.max(1, (last - first) / WEEK) : 1;
  const perWeek = (n: number) => Math.round((n / weeks) * 10) / 10;
  const teamOf = (s: SimulationSummary, id: string) => s.slaLoadPerTeam.find((t) => t.teamId === id) ?? { mqls: 0, slaBusinessHours: 0 };
  const teamName = (id: string) => (proposed.teams.find((t) => t.id === id) ?? current.teams.find((t) => t.id === id))?.name ?? '';
  const owners = new Map<string, OwnerPreview>();
  for (const o of a.summary.perOwner) owners.set(o.personId, { personId: o.personId, name: o.name, team: teamName(o.teamId), current: o.leads, proposed: 0 });
  for (const o of b.summary.perOwner) owners.set(o.personId, { ...(owners.get(o.personId) ?? { personId: o.personId, name: o.name, team: teamName(o.teamId), current: 0 }), proposed: o.leads });
  const teamIds = [...new Set([...current.teams, ...proposed.teams].map((t) => t.id))];

  return {
    leads: leads.length,
    weeks: Math.round(weeks * 10) / 10,
    ...(leads.length ? { from: new Date(first).toISOString(), to: new Date(last).toISOString() } : {}),
    current: side(current, a.summary),
    proposed: side(proposed, b.summary),
    newlyIn,
    newlyOut,
    owners: [...owners.values()],
    teams: teamIds.map((id) => {
      const ta = teamOf(a.summary, id);
      const tb = teamOf(b.summary, id);
      return {
        teamId: id,
        name: teamName(id),
        current: { leads: ta.mqls, leadsPerWeek: perWeek(ta.mqls), slaHoursPerWeek: perWeek(ta.slaBusinessHours) },
        proposed: { leads: tb.mqls, leadsPerWeek: perWeek(tb.mqls), slaHoursPerWeek: perWeek(tb.slaBusinessHours) },
      };
    }),
    changes: changes.map(({ c, out, in: inn }) => ({ ...c, out, in: inn, sentence: sentence(c, out, inn) })),
    movedOwner,
  };
}
