import type { HandoffPolicy, Person, RoutingRule, Territory } from '../policy/policy.schema.js';
import type { Lead } from '../lead.js';
import { conditionEnv } from '../qualification/evaluateCondition.js';
import { evaluateGroup } from '../qualification/evaluateGroup.js';
import { slaTierFor } from '../sla/sla.js';
import { ownerIdOf, unavailableBecause } from './availability.js';
import { locateLead, normaliseCounty, sizeBandOf, type LeadLocation } from './leadLocation.js';
import { pickOwner, type PoolStrategy } from './pickOwner.js';
import type { RoutingSnapshot } from './snapshot.js';

export interface SkippedOwner {
  ownerId: string;
  personId: string;
  why: string;
}

/** A routing decision with its reasons: who, by which rule, and why — never a bare id. */
export interface RoutingDecision {
  ownerId: string;
  personId: string;
  teamId?: string;
  ruleId: string;
  strategy: RoutingRule['strategy'] | 'fallback';
  explanation: string;
  skipped: SkippedOwner[];
  /** What each rule before the winner made of the lead, in order. */
  considered: { ruleId: string; outcome: string }[];
  /** The SLA tier the lead falls in (its `hot` flag decides the working-hours skip). */
  slaTierId: string;
  hot: boolean;
}

const salesPool = (policy: HandoffPolicy, teams?: readonly string[]) =>
  policy.people.filter((p) => p.role !== 'marketing' && (teams === undefined || (p.team !== undefined && teams.includes(p.team))));
const teamReps = (policy: HandoffPolicy, team: string) => policy.people.filter((p) => p.team === team && p.role === 'rep');

// Module-level helpers, not closures made per call: tsx (which runs Handoff) names every closure it
// makes (esbuild's keepNames), and that was a tenth of a routing decision's time.
const skippedText = (skipped: readonly SkippedOwner[]) => (skipped.length ? ` Skipped: ${skipped.map((s) => s.why).join('; ')}.` : '');

function territoryMatches(t: Territory, loc: LeadLocation, band: string | undefined): boolean {
  if (t.countries && !(loc.country && t.countries.some((c) => c.toLowerCase() === loc.country!.toLowerCase()))) return false;
  if (t.regions && !(loc.region && t.regions.includes(loc.region))) return false;
  if (t.counties && !(loc.county && t.counties.some((c) => normaliseCounty(c) === normaliseCounty(loc.county!)))) return false;
  if (t.postcodePrefixes) {
    const pc = (loc.postcode ?? '').replace(/\s+/g, '');
    if (!t.postcodePrefixes.some((p) => pc.startsWith(p.replace(/\s+/g, '').toUpperCase()))) return false;
  }
  if (t.sizeBands && !(band && t.sizeBands.includes(band))) return false;
  return true;
}

interface Candidates {
  pool: Person[];
  strategy: PoolStrategy | 'single';
  teamId?: string;
  why: string;
}

/** Who a rule would consider for this lead, or why the rule does not apply. */
function candidatesFor(rule: RoutingRule, lead: Lead, snapshot: RoutingSnapshot, policy: HandoffPolicy): Candidates | string {
  switch (rule.strategy) {
    case 'fixed_owner': {
      const p = policy.people.find((x) => x.id === rule.owner)!;
      return { pool: [p], strategy: 'single', ...(p.team ? { teamId: p.team } : {}), why: `fixed owner ${p.name}` };
    }
    case 'round_robin':
    case 'weighted_round_robin':
    case 'least_loaded':
      return { pool: teamReps(policy, rule.team), strategy: rule.strategy, teamId: rule.team, why: `team ${rule.team}` };
    case 'territory': {
      const loc = locateLead(lead);
      const band = sizeBandOf(lead, policy);
      const t = rule.territories.find((x) => territoryMatches(x, loc, band));
      const where = [loc.country, loc.region, loc.county, loc.postcode].filter(Boolean).join(', ') || 'no location';
      if (!t) return `no territory matches the lead (${where})`;
      return { pool: teamReps(policy, t.team), strategy: t.strategy, teamId: t.team, why: `territory "${t.label}" matches the lead (${where})` };
    }
    case 'account_owner': {
      const pool = salesPool(policy, rule.teams);
      // The matched account (index or association, with its reasons); a bare associated owner where no matching ran (a backtest).
      const account = snapshot.account;
      const ownerId = account ? account.ownerId : snapshot.companyOwnerId;
      if (!ownerId) {
        if (account) return `the lead's account has no owner (${account.why.replace(/\.$/, '')})`;
        return snapshot.noAccount ? snapshot.noAccount.replace(/\.$/, '') : 'the lead has no company with an owner';
      }
      const match = pool.find((p) => ownerIdOf(p) === ownerId);
      if (!match) return `the company owner (HubSpot owner ${ownerId}) is not in the routing pool`;
      const how = account ? account.why.replace(/\.$/, '') : 'its associated company';
      return { pool: [match], strategy: 'single', ...(match.team ? { teamId: match.team } : {}), why: `${match.name} owns ${how}` };
    }
  }
}

/**
 * Route a lead: rules in order, first that yields an available owner wins; otherwise the
 * policy's fallback owner. Pure: same (lead, snapshot, policy, now) → same decision.
 */
export function route(lead: Lead, snapshot: RoutingSnapshot, policy: HandoffPolicy, now: Date): RoutingDecision {
  const tier = slaTierFor(lead, policy, now);
  const hot = tier.hot;
  const skipped: SkippedOwner[] = [];
  const considered: RoutingDecision['considered'] = [];

  for (const rule of policy.routing.rules) {
    if (rule.when && !evaluateGroup(rule.when, lead, now, [], conditionEnv(policy)).met) {
      considered.push({ ruleId: rule.id, outcome: 'conditions not met' });
      continue;
    }
    const c = candidatesFor(rule, lead, snapshot, policy);
    if (typeof c === 'string') {
      considered.push({ ruleId: rule.id, outcome: c });
      continue;
    }
    const available: Person[] = [];
    for (const p of c.pool) {
      const why = unavailableBecause(p, policy, snapshot, now, hot);
      if (why) skipped.push({ ownerId: ownerIdOf(p), personId: p.id, why: `${p.name}: ${why}` });
      else available.push(p);
    }
    if (available.length === 0) {
      considered.push({ ruleId: rule.id, outcome: `${c.why}, but nobody is available` });
      continue;
    }
    const pick = c.strategy === 'single' ? { person: available[0]!, how: c.why } : pickOwner(c.strategy, available, policy, snapshot, now);
    return {
      ownerId: ownerIdOf(pick.person),
      personId: pick.person.id,
      ...(c.teamId ? { teamId: c.teamId } : {}),
      ruleId: rule.id,
      strategy: rule.strategy,
      explanation: `${pick.person.name}, by rule "${rule.label}": ${c.strategy === 'single' ? c.why : `${c.why}; ${pick.how}`}.${skippedText(skipped)}`,
      skipped,
      considered,
      slaTierId: tier.id,
      hot,
    };
  }

  const fb = policy.people.find((p) => p.id === policy.routing.fallback.owner)!;
  const fbAway = unavailableBecause(fb, policy, snapshot, now, false);
  const tried = considered.map((x) => `${x.ruleId}: ${x.outcome}`).join('; ');
  return {
    ownerId: ownerIdOf(fb),
    personId: fb.id,
    ...(fb.team ? { teamId: fb.team } : {}),
    ruleId: 'fallback',
    strategy: 'fallback',
    explanation: `${fb.name}, by the fallback ("${policy.routing.fallback.label}"): no rule could assign the lead (${tried}).${fbAway ? ` Note: ${fb.name} is ${fbAway}; the lead is still theirs, never unowned.` : ''}${skippedText(skipped)}`,
    skipped,
    considered,
    slaTierId: tier.id,
    hot,
  };
}
