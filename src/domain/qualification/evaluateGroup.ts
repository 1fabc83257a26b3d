import { isLeaf, type ConditionGroup, type LeafCondition } from '../policy/conditions.schema.js';
import type { Lead, PropertyValue } from '../lead.js';
import { evaluateCondition, type ConditionEnv } from './evaluateCondition.js';

/** What one criterion saw and decided, in the policy's own labels. */
export interface CriterionResult {
  id?: string | undefined;
  label: string;
  /** Labels of the groups this criterion sits in, outermost first. */
  within: string[];
  field: string;
  op: LeafCondition['op'];
  expected?: unknown;
  saw: PropertyValue;
  met: boolean;
  why: string;
}

export interface GroupResult {
  met: boolean;
  criteria: CriterionResult[];
}

export function evaluateLeaf(cond: LeafCondition, lead: Lead, now: Date, within: string[] = [], env: ConditionEnv = {}): CriterionResult {
  const outcome = evaluateCondition(cond, lead, now, env);
  return {
    id: cond.id,
    label: cond.label,
    within,
    field: cond.field,
    op: cond.op,
    expected: 'value' in cond ? cond.value : undefined,
    saw: outcome.saw,
    met: outcome.met,
    why: outcome.why,
  };
}

/** all / any, nested; every leaf is evaluated (no short-circuit) so the rep sees every reason. */
export function evaluateGroup(group: ConditionGroup, lead: Lead, now: Date, within: string[] = [], env: ConditionEnv = {}): GroupResult {
  const path = group.label ? [...within, group.label] : within;
  const children = group.all ?? group.any ?? [];
  const results = children.map((node): GroupResult => {
    if (!isLeaf(node)) return evaluateGroup(node, lead, now, path, env);
    const leaf = evaluateLeaf(node, lead, now, path, env);
    return { met: leaf.met, criteria: [leaf] };
  });
  const met = group.all ? results.every((r) => r.met) : results.some((r) => r.met);
  return { met, criteria: results.flatMap((r) => r.criteria) };
}
