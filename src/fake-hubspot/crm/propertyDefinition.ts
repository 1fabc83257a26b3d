// A property definition as HubSpot's properties v3 API describes it (the subset the fake keeps).
export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hubspotDefined: boolean;
  /** HubSpot computes the value; writes through the API are refused. */
  readOnlyValue: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  /** Options come from elsewhere (hubspot_owner_id: the owners). */
  externalOptions: boolean;
  /** OWNER for owner properties (hubspot_owner_id, or custom ones): values must be owner ids. */
  referencedObjectType?: string;
  createdAt: number;
  updatedAt: number;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

const FIELD_TYPE_FOR: Record<PropertyType, string> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
  phone_number: 'phonenumber',
};

export interface PropertySpec {
  name: string;
  label: string;
  type: PropertyType;
  group: string;
  options?: readonly (string | readonly [value: string, label: string])[];
  readOnly?: boolean;
  unique?: boolean;
  external?: boolean;
  fieldType?: string;
  description?: string;
}

/** A HubSpot-defined property from a compact spec. */
export function standardProperty(spec: PropertySpec, displayOrder: number): PropertyDefinition {
  const options = spec.type === 'bool' && !spec.options ? (['true', 'false'] as const) : (spec.options ?? []);
  return {
    name: spec.name,
    label: spec.label,
    type: spec.type,
    fieldType: spec.fieldType ?? FIELD_TYPE_FOR[spec.type],
    groupName: spec.group,
    description: spec.description ?? '',
    options: options.map((o, i) => {
      const [value, label] = typeof o === 'string' ? [o, o === 'true' ? 'Yes' : o === 'false' ? 'No' : o] : o;
      return { label, value, displayOrder: i, hidden: false };
    }),
    displayOrder,
    hubspotDefined: true,
    readOnlyValue: spec.readOnly ?? false,
    hasUniqueValue: spec.unique ?? false,
    hidden: false,
    formField: false,
    externalOptions: spec.external ?? false,
    ...(spec.external ? { referencedObjectType: 'OWNER' } : {}),
    createdAt: 0,
    updatedAt: 0,
  };
}
