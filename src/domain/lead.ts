/**
 * A lead as the core sees it: the contact's properties and, when known, its company's.
 * Values are as HubSpot returns them (strings), or typed values from a fixture.
 */
export type PropertyValue = string | number | boolean | null | undefined;
export type Properties = Readonly<Record<string, PropertyValue>>;

export interface Lead {
  contact: Properties;
  company?: Properties | null;
}

export function readField(lead: Lead, field: string): PropertyValue {
  const dot = field.indexOf('.');
  const object = field.slice(0, dot);
  const property = field.slice(dot + 1);
  const source = object === 'company' ? lead.company : lead.contact;
  return source ? source[property] : undefined;
}

export function isMissing(v: PropertyValue): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
