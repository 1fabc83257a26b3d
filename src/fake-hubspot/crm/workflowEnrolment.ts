import type { CrmStore } from './crmStore.js';
import { OBJECT_TYPES, type ObjectType } from './objectTypes.js';

/** The enrolled object in a custom workflow action's request, as HubSpot's workflows send it. */
export interface EnrolledObject {
  objectId: number;
  objectType: string;
  properties: Record<string, string | null>;
}

/**
 * The enrolled record as a workflow sends it to a custom action: its id, its type, and the
 * properties the action's definition asks for (its objectRequestOptions) as the record holds them
 * when the action runs, null where it has no value. Undefined when the record is gone.
 */
export function enrolledObject(store: CrmStore, objectType: ObjectType, id: string, properties: readonly string[]): EnrolledObject | undefined {
  const record = store.get(objectType, id);
  if (!record || record.archived) return undefined;
  return { objectId: Number(id), objectType: OBJECT_TYPES[objectType].upper, properties: Object.fromEntries(properties.map((name) => [name, record.properties.get(name) ?? null])) };
}
