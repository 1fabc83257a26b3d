import { isLeaf, type ConditionGroup, type LeafCondition } from '../policy/conditions.schema.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { criterionKey } from '../evidence/definitionCriteria.js';

/** One criterion of the definition (or a disqualifier) that differs between two versions of the policy. */
export interface DefinitionChange {
  /** The criterion's key, prefixed "disqualifier:" for a disqualifier. */
  key: string;
  kind: 'added' | 'dropped' | 'changed';
  disqualifier: boolean;
  /** The label people read (the proposed one for a changed criterion). */
  label: string;
  /** The sentence's start: 'drops "Downloaded the pricing guide"'. */
  words: string;
}

export const disqualifierKey = (leaf: Pick<LeafCondition, 'label'> & { id?: string | undefined }): string => `disqualifier:${criterionKey(leaf)}`;

/** Every leaf of the definition by key: fit and engagement criteria, then disqualifiers. */
function leaves(policy: HandoffPolicy): Map<string, { leaf: LeafCondition; disqualifier: boolean }> {
  const out = new Map<string, { leaf: LeafCondition; disqualifier: boolean }>();
  const walk = (g: ConditionGroup) => (g.all ?? g.any ?? []).forEach((n) => (isLeaf(n) ? out.set(criterionKey(n), { leaf: n, disqualifier: false }) : walk(n)));
  walk(policy.definitions.mql.fit);
  walk(policy.definitions.mql.engagement);
  for (const d of policy.definitions.mql.disqualifiers) out.set(disqualifierKey(d), { leaf: d, disqualifier: true });
  return out;
}

const test = (l: LeafCondition) => JSON.stringify([l.field, l.op, 'value' in l ? l.value : null]);

/** What the proposed policy adds, drops and changes in the MQL definition, criterion by criterion. */
export function definitionChanges(current: HandoffPolicy, proposed: HandoffPolicy): DefinitionChange[] {
  const before = leaves(current);
  const after = leaves(proposed);
  const changes: DefinitionChange[] = [];
  const what = (disqualifier: boolean) => (disqualifier ? 'the disqualifier ' : '');
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a) changes.push({ key, kind: 'dropped', disqualifier: b.disqualifier, label: b.leaf.label, words: `drops ${what(b.disqualifier)}"${b.leaf.label}"` });
    else if (test(a.leaf) !== test(b.leaf) || a.leaf.label !== b.leaf.label)
      changes.push({ key, kind: 'changed', disqualifier: a.disqualifier, label: a.leaf.label, words: a.leaf.label === b.leaf.label ? `changes ${what(a.disqualifier)}"${a.leaf.label}"` : `changes ${what(a.disqualifier)}"${b.leaf.label}" to "${a.leaf.label}"` });
  }
  for (const [key, a] of after) if (!before.has(key)) changes.push({ key, kind: 'added', disqualifier: a.disqualifier, label: a.leaf.label, words: `adds ${what(a.disqualifier)}"${a.leaf.label}"` });
  return changes;
}
