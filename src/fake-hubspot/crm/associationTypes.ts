import type { ObjectType } from './objectTypes.js';

// HubSpot-defined association type ids between the objects the fake serves (the default,
// unlabelled association in each direction), as published in HubSpot's associations v4 guide.
const DEFAULT_TYPE_IDS: Record<string, number> = {
  'contacts->companies': 279,
  'companies->contacts': 280,
  'deals->contacts': 3,
  'contacts->deals': 4,
  'deals->companies': 341,
  'companies->deals': 342,
  'contacts->notes': 201,
  'notes->contacts': 202,
  'companies->notes': 189,
  'notes->companies': 190,
  'deals->notes': 213,
  'notes->deals': 214,
  'contacts->tasks': 203,
  'tasks->contacts': 204,
  'companies->tasks': 191,
  'tasks->companies': 192,
  'deals->tasks': 215,
  'tasks->deals': 216,
  // A lead's contact and company (HubSpot requires the contact when a lead is created).
  'leads->contacts': 578,
  'contacts->leads': 579,
  'leads->companies': 610,
  'companies->leads': 611,
};

// The primary company of a contact or deal has its own type id (1 and 5), as in HubSpot.
const PRIMARY_TYPE_IDS: Record<string, number> = {
  'contacts->companies': 1,
  'companies->contacts': 2,
  'deals->companies': 5,
  'companies->deals': 6,
};

export function defaultAssociationTypeId(from: ObjectType, to: ObjectType): number | undefined {
  return DEFAULT_TYPE_IDS[`${from}->${to}`];
}

export function primaryAssociationTypeId(from: ObjectType, to: ObjectType): number | undefined {
  return PRIMARY_TYPE_IDS[`${from}->${to}`];
}

/** Whether HubSpot defines typeId between the two types (default or primary), in that direction. */
export function isKnownAssociationType(from: ObjectType, to: ObjectType, typeId: number): boolean {
  return defaultAssociationTypeId(from, to) === typeId || primaryAssociationTypeId(from, to) === typeId;
}

/** The type id of the same association read from the other side. */
export function inverseAssociationTypeId(from: ObjectType, to: ObjectType, typeId: number): number | undefined {
  if (defaultAssociationTypeId(from, to) === typeId) return defaultAssociationTypeId(to, from);
  if (primaryAssociationTypeId(from, to) === typeId) return primaryAssociationTypeId(to, from);
  return undefined;
}

/** v3's association type name, e.g. contact_to_company, or contact_to_company_unlabeled style for primary. */
export function v3AssociationTypeName(fromSingular: string, toSingular: string, primary: boolean): string {
  return primary ? `${fromSingular}_to_${toSingular}` : `${fromSingular}_to_${toSingular}_unlabeled`;
}

/** The object type an association type id from `from` points at (how v3 creates infer the target). */
export function targetTypeOf(from: ObjectType, typeId: number): ObjectType | undefined {
  for (const table of [DEFAULT_TYPE_IDS, PRIMARY_TYPE_IDS]) {
    for (const [key, id] of Object.entries(table)) {
      const [f, t] = key.split('->') as [ObjectType, ObjectType];
      if (f === from && id === typeId) return t;
    }
  }
  return undefined;
}

/** The contact and the company of an association between the two, either way round (HubSpot keeps the primary one in the contact's associatedcompanyid). */
export function contactAndCompany(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): { contactId: string; companyId: string } | undefined {
  if (fromType === 'contacts' && toType === 'companies') return { contactId: fromId, companyId: toId };
  if (fromType === 'companies' && toType === 'contacts') return { contactId: toId, companyId: fromId };
  return undefined;
}
