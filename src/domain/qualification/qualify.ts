import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { Lead } from '../lead.js';
import type { ConditionGroup } from '../policy/conditions.schema.js';
import { evaluateGroup, evaluateLeaf, type CriterionResult } from './evaluateGroup.js';
import { conditionEnv } from './evaluateCondition.js';

export type QualificationStage = 'lead' | 'mql' | 'disqualified';

export interface RequirementTally {
  met: boolean;
  /** Criteria met / total criteria in this part of the definition. */
  metCount: number;
  total: number;
}

export interface Qualification {
  stage: QualificationStage;
  policyVersion: string;
  /** Every criterion, in the policy's order (fit, then engagement, nested groups in place). */
  criteria: CriterionResult[];
  met: CriterionResult[];
  unmet: CriterionResult[];
  disqualifiedBy?: CriterionResult[];
  fit: RequirementTally;
  engagement: RequirementTally;
  /** One line a rep can read: "Not an MQL: 2 of 4 criteria met (missing: Job title is known)". */
  summary: string;
}

/** A group in words, nested as the policy nests it: "one of: A / B / Engaged this month (all of: C, D)". */
function describeGroup(group: ConditionGroup): string {
  const members = (group.all ?? group.any ?? []).map((n) => ('field' in n ? n.label : n.label ? `${n.label} (${describeGroup(n)})` : `(${describeGroup(n)})`));
  return group.any ? `one of: ${members.join(' / ')}` : `all of: ${members.join(', ')}`;
}

const tally = (met: boolean, criteria: CriterionResult[]): RequirementTally => ({
  met,
  metCount: criteria.filter((c) => c.met).length,
  total: criteria.length,
});

/**
 * Qualify a lead against the policy's MQL definition. Disqualifiers take precedence over
 * everything; otherwise a lead is an MQL when its fit group and its engagement group are met.
 * `now` is injected for "within N days" criteria.
 */
export function qualify(lead: Lead, policy: HandoffPolicy, now: Date): Qualification {
  const { mql } = policy.definitions;
  const env = conditionEnv(policy);
  const fit = evaluateGroup(mql.fit, lead, now, mql.fit.label ? [] : ['Fit'], env);
  const engagement = evaluateGroup(mql.engagement, lead, now, mql.engagement.label ? [] : ['Engagement'], env);
  const disqualifiers = mql.disqualifiers.map((d) => evaluateLeaf(d, lead, now, ['Disqualifiers'], env));

  const criteria = [...fit.criteria, ...engagement.criteria];
  const met = criteria.filter((c) => c.met);
  const unmet = criteria.filter((c) => !c.met);
  const disqualifiedBy = disqualifiers.filter((d) => d.met);
  const base = {
    policyVersion: policy.version,
    criteria,
    met,
    unmet,
    fit: tally(fit.met, fit.criteria),
    engagement: tally(engagement.met, engagement.criteria),
  };

  if (disqualifiedBy.length > 0) {
    return {
      ...base,
      stage: 'disqualified',
      disqualifiedBy,
      summary: `Disqualified: ${disqualifiedBy.map((d) => `${d.label} (${d.why})`).join('; ')}`,
    };
  }
  if (fit.met && engagement.met) {
    const signals = engagement.criteria.filter((c) => c.met).map((c) => c.label);
    return { ...base, stage: 'mql', summary: `MQL: every fit criterion met; engagement: ${signals.join(', ')}` };
  }
  const missing = [
    ...(fit.met ? [] : fit.criteria.filter((c) => !c.met).map((c) => c.label)),
    ...(engagement.met ? [] : [describeGroup(mql.engagement)]),
  ];
  return {
    ...base,
    stage: 'lead',
    summary: `Not an MQL: ${met.length} of ${criteria.length} criteria met (missing: ${missing.join('; ')})`,
  };
}
