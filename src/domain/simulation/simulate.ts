import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { Lead } from '../lead.js';
import { qualify, type Qualification, type QualificationStage } from '../qualification/qualify.js';
import { route } from '../routing/route.js';
import { calendarFor, slaDue } from '../sla/sla.js';
import { gini, maxMinRatio } from './fairness.js';
import { fairnessWindowStarts } from '../routing/availability.js';
import { OpenHandoffs } from './simulatedLoad.js';
import { talliesOf } from '../routing/assignmentTallies.js';

export interface SimulatedLead {
  id: string;
  arrivedAt: Date;
  lead: Lead;
  /** HubSpot owner id of the lead's company, when the export has it (for account matching). */
  companyOwnerId?: string;
}

export interface SimulatedOutcome {
  id: string;
  arrivedAt: string;
  stage: QualificationStage;
  summary: string;
  ownerId?: string;
  personId?: string;
  teamId?: string;
  ruleId?: string;
  slaTier?: string;
  slaDue?: string;
}

export interface SimulationSummary {
  leads: number;
  mqls: number;
  mqlRate: number;
  disqualified: number;
  perOwner: { personId: string; name: string; teamId: string; leads: number }[];
  fairness: { maxMinRatio: number; gini: number };
  slaLoadPerTeam: { teamId: string; mqls: number; hot: number; slaBusinessHours: number }[];
  toFallback: number;
  byRule: Record<string, number>;
}

/**
 * Backtest the policy: leads in arrival order, each qualified and routed at its own arrival
 * time against the assignments the simulation made so far. A handoff counts as open (for
 * capacity and least-loaded) until its SLA falls due: the model assumes reps work leads
 * within the SLA. Deterministic: the same leads and policy give the same result.
 */
export function simulate(input: readonly SimulatedLead[], policy: HandoffPolicy, options: { onQualified?: (lead: SimulatedLead, q: Qualification) => void } = {}): { outcomes: SimulatedOutcome[]; summary: SimulationSummary } {
  const leads = [...input].sort((a, b) => a.arrivedAt.getTime() - b.arrivedAt.getTime() || a.id.localeCompare(b.id));
  // The load so far, kept as the ledger counts it (per owner: assignment times in order, handoffs
  // open until their SLA falls due), so each routing costs the same however long the history is.
  const assigned = new Map<string, number[]>();
  const open = new OpenHandoffs();
  const outcomes: SimulatedOutcome[] = [];
  const teamLoad = new Map(policy.teams.map((t) => [t.id, { teamId: t.id, mqls: 0, hot: 0, slaBusinessHours: 0 }]));
  const byRule: Record<string, number> = {};

  for (const l of leads) {
    const now = l.arrivedAt;
    const q = qualify(l.lead, policy, now);
    options.onQualified?.(l, q);
    const base = { id: l.id, arrivedAt: now.toISOString(), stage: q.stage, summary: q.summary };
    if (q.stage !== 'mql') {
      outcomes.push(base);
      continue;
    }
    const snapshot = { openHandoffs: open.at(now.getTime()), assignmentTallies: talliesOf(assigned, fairnessWindowStarts(policy, now), now) };
    const decision = route(l.lead, { ...snapshot, ...(l.companyOwnerId ? { companyOwnerId: l.companyOwnerId } : {}) }, policy, now);
    const person = policy.people.find((p) => p.id === decision.personId)!;
    const tier = policy.sla.tiers.find((t) => t.id === decision.slaTierId)!;
    const due = slaDue(now, tier.firstTouchBusinessHours, calendarFor(person, policy));
    const times = assigned.get(decision.ownerId) ?? [];
    times.push(now.getTime());
    assigned.set(decision.ownerId, times);
    open.add(decision.ownerId, due.getTime());
    byRule[decision.ruleId] = (byRule[decision.ruleId] ?? 0) + 1;
    const load = decision.teamId ? teamLoad.get(decision.teamId) : undefined;
    if (load) {
      load.mqls++;
      if (tier.hot) load.hot++;
      load.slaBusinessHours += tier.firstTouchBusinessHours;
    }
    outcomes.push({
      ...base,
      ownerId: decision.ownerId,
      personId: decision.personId,
      ...(decision.teamId ? { teamId: decision.teamId } : {}),
      ruleId: decision.ruleId,
      slaTier: tier.id,
      slaDue: due.toISOString(),
    });
  }

  const reps = policy.people.filter((p) => p.role === 'rep');
  const perOwner = policy.people
    .filter((p) => p.role !== 'marketing')
    .map((p) => ({ personId: p.id, name: p.name, teamId: p.team ?? '', leads: outcomes.filter((o) => o.personId === p.id).length }));
  const repCounts = perOwner.filter((o) => reps.some((r) => r.id === o.personId)).map((o) => o.leads);
  const mqls = outcomes.filter((o) => o.stage === 'mql').length;
  return {
    outcomes,
    summary: {
      leads: leads.length,
      mqls,
      mqlRate: leads.length === 0 ? 0 : mqls / leads.length,
      disqualified: outcomes.filter((o) => o.stage === 'disqualified').length,
      perOwner,
      fairness: { maxMinRatio: maxMinRatio(repCounts), gini: gini(repCounts) },
      slaLoadPerTeam: [...teamLoad.values()],
      toFallback: byRule.fallback ?? 0,
      byRule,
    },
  };
}
