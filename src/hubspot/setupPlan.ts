import type { DesiredProperty } from './handoffProperties.js';

/** The objects setup gives Handoff's properties to. */
export type SetupObject = 'contacts' | 'deals';

/** What HubSpot holds now for one object type (from the properties API). */
export interface ExistingSchema {
  groups: string[];
  properties: Record<string, { label: string; type: string; fieldType: string; description: string; groupName: string; hidden?: boolean; options: { value: string; label: string; hidden: boolean }[] }>;
}

export type SetupStep =
  | { kind: 'create-group'; objectType: SetupObject; name: string; label: string }
  | { kind: 'create-property'; objectType: SetupObject; property: DesiredProperty }
  | { kind: 'update-property'; objectType: SetupObject; name: string; changes: string[]; patch: { label?: string; description?: string; hidden?: boolean; options?: { value: string; label: string; hidden: boolean; displayOrder: number }[] } }
  | { kind: 'conflict'; objectType: SetupObject | 'leads'; name: string; why: string };

/**
 * The steps that bring one object type's schema to what Handoff needs. Nothing is deleted:
 * an option the policy no longer has (a retired rejection reason) is hidden, so records that
 * hold it keep their value and label. Re-running on an up-to-date portal plans nothing.
 */
export function planSetup(objectType: SetupObject, group: { name: string; label: string }, desired: DesiredProperty[], existing: ExistingSchema, retired: readonly { name: string; why: string }[] = []): SetupStep[] {
  const steps: SetupStep[] = [];
  // A property Handoff no longer writes is hidden, not deleted: its history stays readable in HubSpot.
  for (const old of retired) {
    const have = existing.properties[old.name];
    if (have && !have.hidden) steps.push({ kind: 'update-property', objectType, name: old.name, changes: [`hide (retired: ${old.why})`], patch: { hidden: true, description: `Retired: ${old.why}` } });
  }
  if (!existing.groups.includes(group.name)) steps.push({ kind: 'create-group', objectType, name: group.name, label: group.label });
  for (const want of desired) {
    const have = existing.properties[want.name];
    if (!have) {
      steps.push({ kind: 'create-property', objectType, property: want });
      continue;
    }
    if (have.type !== want.type) {
      steps.push({ kind: 'conflict', objectType, name: want.name, why: `exists as ${have.type}, Handoff needs ${want.type}; rename or archive it in HubSpot, then run setup again` });
      continue;
    }
    const changes: string[] = [];
    const patch: Extract<SetupStep, { kind: 'update-property' }>['patch'] = {};
    if (have.label !== want.label) {
      changes.push(`label "${have.label}" → "${want.label}"`);
      patch.label = want.label;
    }
    if (have.description !== want.description) {
      changes.push('description');
      patch.description = want.description;
    }
    if (want.options && !want.owner) {
      const wanted = new Map(want.options.map((o) => [o.value, o.label]));
      const merged = [
        ...want.options.map((o) => ({ value: o.value, label: o.label, hidden: false })),
        ...have.options.filter((o) => !wanted.has(o.value)).map((o) => ({ ...o, hidden: true })),
      ].map((o, i) => ({ ...o, displayOrder: i }));
      const added = want.options.filter((o) => !have.options.some((h) => h.value === o.value)).map((o) => o.value);
      const relabelled = want.options.filter((o) => have.options.some((h) => h.value === o.value && (h.label !== o.label || h.hidden))).map((o) => o.value);
      const hidden = have.options.filter((o) => !wanted.has(o.value) && !o.hidden).map((o) => o.value);
      if (added.length) changes.push(`add options ${added.join(', ')}`);
      if (relabelled.length) changes.push(`relabel or show options ${relabelled.join(', ')}`);
      if (hidden.length) changes.push(`hide retired options ${hidden.join(', ')} (values kept)`);
      if (added.length || relabelled.length || hidden.length) patch.options = merged;
    }
    if (changes.length) steps.push({ kind: 'update-property', objectType, name: want.name, changes, patch });
  }
  return steps;
}

export function describeStep(step: SetupStep): string {
  switch (step.kind) {
    case 'create-group':
      return `${step.objectType}: create property group "${step.name}" (${step.label})`;
    case 'create-property':
      return `${step.objectType}: create ${step.property.name} (${step.property.type}${step.property.options ? `, ${step.property.options.length} options` : ''}) "${step.property.label}"`;
    case 'update-property':
      return `${step.objectType}: update ${step.name}: ${step.changes.join('; ')}`;
    case 'conflict':
      return `${step.objectType}: CONFLICT on ${step.name}: ${step.why}`;
  }
}
