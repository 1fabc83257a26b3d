import { isLeaf, type ConditionGroup, type LeafCondition } from '../policy/conditions.schema.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { isMissing, type Lead, type PropertyValue } from '../lead.js';
import { conditionEnv, emailDomain, toEpochMs, toNumber, type ConditionEnv } from './evaluateCondition.js';
import { isPersonalDomain } from '../accounts/domains.js';
import type { QualificationStage } from './qualify.js';

/** A criterion compiled once: the verdict alone, for a lead at `nowMs`. */
export type CompiledCondition = (lead: Lead, nowMs: number) => boolean;

const DAY_MS = 86_400_000;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** How to read a field, decided once: the object and the property split out of "contact.x". */
function reader(field: string): (lead: Lead) => PropertyValue {
  const dot = field.indexOf('.');
  const property = field.slice(dot + 1);
  return field.slice(0, dot) === 'company' ? (lead) => lead.company?.[property] : (lead) => lead.contact[property];
}

/** `sameValue` of evaluateCondition with the expected value prepared once (a number, a boolean, or lower-case text). */
function matcher(expected: string | number | boolean): (v: PropertyValue) => boolean {
  if (typeof expected === 'number' || (typeof expected === 'string' && NUMERIC.test(expected))) {
    const n = Number(expected);
    return (v) => toNumber(v) === n;
  }
  if (typeof expected === 'boolean') {
    const text = String(expected);
    return (v) => String(v).trim().toLowerCase() === text;
  }
  const text = expected.trim().toLowerCase();
  return (v) => String(v).trim().toLowerCase() === text;
}

/**
 * One criterion as a closure, with everything about the policy worked out once (the field's
 * reader, lower-cased values, sets). The same verdict as `evaluateCondition`, without its words:
 * for deciding many leads, where only the ones written back need their reasons
 * (a test holds the two to the same verdict).
 */
export function compileCondition(cond: LeafCondition, env: ConditionEnv = {}): CompiledCondition {
  const read = reader(cond.field);
  const present = (lead: Lead): PropertyValue | undefined => {
    const v = read(lead);
    return isMissing(v) ? undefined : v;
  };
  switch (cond.op) {
    case 'exists':
      return (lead) => present(lead) !== undefined;
    case 'not_exists':
      return (lead) => present(lead) === undefined;
    case 'equals': {
      const same = matcher(cond.value);
      return (lead) => {
        const v = present(lead);
        return v !== undefined && same(v);
      };
    }
    case 'not_equals': {
      const same = matcher(cond.value);
      return (lead) => {
        const v = present(lead);
        return v !== undefined && !same(v);
      };
    }
    case 'in':
    case 'not_in': {
      const sames = cond.value.map(matcher);
      const wanted = cond.op === 'in';
      return (lead) => {
        const v = present(lead);
        return v !== undefined && sames.some((same) => same(v)) === wanted;
      };
    }
    case 'gte':
    case 'lte': {
      const limit = cond.value;
      const gte = cond.op === 'gte';
      return (lead) => {
        const n = toNumber(present(lead));
        return n !== undefined && (gte ? n >= limit : n <= limit);
      };
    }
    case 'contains': {
      const needles = (Array.isArray(cond.value) ? cond.value : [cond.value]).map((n) => n.toLowerCase());
      return (lead) => {
        const v = present(lead);
        if (v === undefined) return false;
        const hay = String(v).toLowerCase();
        return needles.some((n) => hay.includes(n));
      };
    }
    case 'within_days': {
      const limitMs = cond.value * DAY_MS;
      return (lead, nowMs) => {
        const ms = toEpochMs(present(lead));
        if (ms === undefined) return false;
        const age = nowMs - ms;
        return age >= 0 && age <= limitMs;
      };
    }
    case 'email_domain_in': {
      const domains = cond.value.map((d) => d.toLowerCase());
      return (lead) => {
        const v = present(lead);
        const domain = v === undefined ? undefined : emailDomain(v);
        return domain !== undefined && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
      };
    }
    case 'email_domain_personal': {
      return (lead) => {
        const v = present(lead);
        const domain = v === undefined ? undefined : emailDomain(v);
        return domain !== undefined && isPersonalDomain(domain, env.personalDomains);
      };
    }
  }
}

/** all / any, nested, short-circuiting (the verdict needs no more than that). */
export function compileGroup(group: ConditionGroup, env: ConditionEnv = {}): CompiledCondition {
  const children = (group.all ?? group.any ?? []).map((node) => (isLeaf(node) ? compileCondition(node, env) : compileGroup(node, env)));
  if (group.all) return (lead, nowMs) => children.every((c) => c(lead, nowMs));
  return (lead, nowMs) => children.some((c) => c(lead, nowMs));
}

/** The policy's MQL definition compiled once: the stage `qualify` would give, without building its reasons. */
export function compileQualification(policy: HandoffPolicy): (lead: Lead, now: Date) => QualificationStage {
  const { mql } = policy.definitions;
  const env = conditionEnv(policy);
  const fit = compileGroup(mql.fit, env);
  const engagement = compileGroup(mql.engagement, env);
  const disqualifiers = mql.disqualifiers.map((d) => compileCondition(d, env));
  return (lead, now) => {
    const nowMs = now.getTime();
    if (disqualifiers.some((d) => d(lead, nowMs))) return 'disqualified';
    return fit(lead, nowMs) && engagement(lead, nowMs) ? 'mql' : 'lead';
  };
}

const compiled = new WeakMap<HandoffPolicy, (lead: Lead, now: Date) => QualificationStage>();

/** The compiled qualification of a policy, compiled on first use and kept while the policy is. */
export function qualificationStage(lead: Lead, policy: HandoffPolicy, now: Date): QualificationStage {
  let run = compiled.get(policy);
  if (!run) compiled.set(policy, (run = compileQualification(policy)));
  return run(lead, now);
}
