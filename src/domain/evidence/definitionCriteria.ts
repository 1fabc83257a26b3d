import { isLeaf, type ConditionGroup, type LeafCondition } from '../policy/conditions.schema.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';

/** How a criterion is known across versions and surfaces: its id, or its label when it has none. */
export const criterionKey = (leaf: Pick<LeafCondition, 'label'> & { id?: string | undefined }): string => leaf.id ?? leaf.label;

/** One criterion of the MQL definition, or a group of them, as the evidence judges it. */
export interface DefinitionCriterion {
  /** The criterion's key (its id, or its label); for a group, its path ("fit", "engagement/engaged-this-month"). */
  key: string;
  label: string;
  kind: 'criterion' | 'group';
  /** The labels of the groups it sits in, outermost first. */
  within: string[];
  /** Whether a lead met it, from its criteria's results by key; undefined when one it needs was not judged. */
  metBy(leafMet: (key: string) => boolean | undefined): boolean | undefined;
}

const slug = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Every criterion of the MQL definition (fit, then engagement) and every group, in the policy's
 * order, each group after its members. Disqualifiers are left out: the leads they kept out were
 * never worked, so history has nothing to compare them with.
 */
export function definitionCriteria(policy: HandoffPolicy): DefinitionCriterion[] {
  const out: DefinitionCriterion[] = [];
  const walk = (group: ConditionGroup, key: string, label: string, within: string[]): DefinitionCriterion => {
    const members = (group.all ?? group.any ?? []).map((node, i) => {
      if (!isLeaf(node)) return walk(node, `${key}/${node.label ? slug(node.label) : String(i + 1)}`, node.label ?? `${group.all ? 'All' : 'One'} of group ${i + 1}`, [...within, label]);
      const leaf: DefinitionCriterion = { key: criterionKey(node), label: node.label, kind: 'criterion', within: [...within, label], metBy: (met) => met(criterionKey(node)) };
      out.push(leaf);
      return leaf;
    });
    const metBy = (met: (key: string) => boolean | undefined) => {
      const results = members.map((m) => m.metBy(met));
      // An "all" group is unmet once any member is; an "any" group met once any member is: a result
      // needs only the members that decide it.
      if (group.all) return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
      return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
    };
    const node: DefinitionCriterion = { key, label, kind: 'group', within, metBy };
    out.push(node);
    return node;
  };
  const { fit, engagement } = policy.definitions.mql;
  walk(fit, 'fit', fit.label ?? 'Fit', []);
  walk(engagement, 'engagement', engagement.label ?? 'Engagement', []);
  return out;
}

/** Every criterion's result for one lead, groups included, from its criteria's results by key. */
export function criteriaMet(criteria: readonly DefinitionCriterion[], leafMet: ReadonlyMap<string, boolean>): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const get = (key: string) => leafMet.get(key);
  for (const c of criteria) {
    const met = c.metBy(get);
    if (met !== undefined) out[c.key] = met;
  }
  return out;
}
