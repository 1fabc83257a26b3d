// The CRM object types the fake serves, with the names HubSpot accepts for each in a path:
// the plural API name ("contacts"), the singular ("contact") and the object type id ("0-1").
export const OBJECT_TYPES = {
  contacts: { typeId: '0-1', singular: 'contact', upper: 'CONTACT' },
  companies: { typeId: '0-2', singular: 'company', upper: 'COMPANY' },
  deals: { typeId: '0-3', singular: 'deal', upper: 'DEAL' },
  notes: { typeId: '0-46', singular: 'note', upper: 'NOTE' },
  tasks: { typeId: '0-27', singular: 'task', upper: 'TASK' },
  // Leads (Sales Hub Professional and Enterprise), worked in the prospecting workspace.
  leads: { typeId: '0-136', singular: 'lead', upper: 'LEAD' },
} as const;

export type ObjectType = keyof typeof OBJECT_TYPES;
export const OBJECT_TYPE_NAMES = Object.keys(OBJECT_TYPES) as ObjectType[];

/** The object type a path segment names, or undefined when HubSpot would answer 400. */
export function resolveObjectType(segment: string): ObjectType | undefined {
  const s = segment.toLowerCase();
  for (const name of OBJECT_TYPE_NAMES) {
    const t = OBJECT_TYPES[name];
    if (s === name || s === t.singular || s === t.typeId) return name;
  }
  return undefined;
}
