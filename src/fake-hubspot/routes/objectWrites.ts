import { z } from 'zod';
import type { CrmRecord } from '../crm/records.js';
import type { ObjectType } from '../crm/objectTypes.js';
import { OBJECT_TYPES } from '../crm/objectTypes.js';
import { isKnownAssociationType, targetTypeOf } from '../crm/associationTypes.js';
import { conflict, propertyValuesInvalid, validationError } from '../http/hubspotErrors.js';
import { PropertyValues } from '../http/requestInput.js';
import type { RouteDeps } from '../http/deps.js';
import { violatedRules } from '../crm/validationRules.js';

export const AssociationSpec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK']),
  associationTypeId: z.number().int(),
});

export const CreateInput = z.object({
  properties: PropertyValues,
  associations: z.array(z.object({ to: z.object({ id: z.string() }), types: z.array(AssociationSpec).min(1) })).default([]),
});
export type CreateInput = z.output<typeof CreateInput>;

interface PlannedAssociation {
  toType: ObjectType;
  toId: string;
  typeId: number;
}

/** Checks a create whole (values, unique email, association targets) before anything is written. */
export function planCreate(deps: RouteDeps, type: ObjectType, input: CreateInput) {
  const check = deps.store.checkWrite(type, input.properties);
  if (!check.ok) throw propertyValuesInvalid(check.errors);
  enforceRules(deps, type, check.values, () => undefined);
  const clash = deps.store.uniqueConflict(type, check.values);
  if (clash) throw conflict(`${OBJECT_TYPES[type].singular[0]!.toUpperCase()}${OBJECT_TYPES[type].singular.slice(1)} already exists. Existing ID: ${clash.existing.id}`);
  const associations: PlannedAssociation[] = [];
  for (const a of input.associations) {
    for (const spec of a.types) {
      const toType = targetTypeOf(type, spec.associationTypeId);
      if (!toType || !isKnownAssociationType(type, toType, spec.associationTypeId)) {
        throw validationError(`associationTypeId ${spec.associationTypeId} is not a valid association type from ${type}.`);
      }
      if (!deps.store.get(toType, a.to.id)) throw validationError(`Cannot associate to ${toType} ${a.to.id}: it does not exist.`, { context: { id: [a.to.id] } });
      associations.push({ toType, toId: a.to.id, typeId: spec.associationTypeId });
    }
  }
  // HubSpot creates a lead only with its contact, and with a name.
  if (type === 'leads') {
    if (!associations.some((a) => a.toType === 'contacts')) throw validationError('A lead must be associated with a contact when it is created.');
    if (!check.values.get('hs_lead_name')) throw propertyValuesInvalid([{ name: 'hs_lead_name', error: 'REQUIRED', message: 'hs_lead_name is required to create a lead.' }]);
  }
  return { values: check.values, associations };
}

export function applyCreate(deps: RouteDeps, type: ObjectType, plan: ReturnType<typeof planCreate>): CrmRecord {
  const record = deps.store.create(type, plan.values, deps.apiSource);
  for (const a of plan.associations) deps.store.associate(type, record.id, a.toType, a.toId, a.typeId);
  return record;
}

/** Checks an update whole; returns the values to apply. */
export function planUpdate(deps: RouteDeps, type: ObjectType, record: CrmRecord, properties: Record<string, unknown>) {
  const check = deps.store.checkWrite(type, properties);
  if (!check.ok) throw propertyValuesInvalid(check.errors);
  enforceRules(deps, type, check.values, (name) => record.properties.get(name));
  const clash = deps.store.uniqueConflict(type, check.values, record.id);
  if (clash) throw conflict(`A ${OBJECT_TYPES[type].singular} with ${clash.property} ${check.values.get(clash.property)} already exists. Existing ID: ${clash.existing.id}`);
  return check.values;
}

/** The portal's validation rules, as HubSpot enforces them on API writes from 2026-09: a broken one refuses the write. */
function enforceRules(deps: RouteDeps, type: ObjectType, values: ReadonlyMap<string, string | null>, current: (name: string) => string | undefined): void {
  if (!deps.store.portal.validationRules.length) return;
  const after = (name: string) => (values.has(name) ? (values.get(name) ?? undefined) : current(name));
  const broken = violatedRules(deps.store.portal.validationRules, type, values, after);
  if (broken.length) throw propertyValuesInvalid(broken);
}

/** The record an id names, through idProperty (contacts' email) when given. */
export function findRecord(deps: RouteDeps, type: ObjectType, id: string, idProperty?: string): CrmRecord | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return deps.store.get(type, id);
  const def = deps.store.propertyDefinition(type, idProperty);
  if (!def?.hasUniqueValue) throw validationError(`${idProperty} is not a unique property of ${type}, so it cannot be an idProperty.`);
  return deps.store.findByUnique(type, idProperty, id);
}
