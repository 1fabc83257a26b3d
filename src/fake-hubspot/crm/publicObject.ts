import { OBJECT_TYPES, type ObjectType } from './objectTypes.js';
import type { CrmRecord, HistoryEntry } from './records.js';
import type { CrmStore } from './crmStore.js';
import { v3AssociationTypeName, primaryAssociationTypeId } from './associationTypes.js';

// What HubSpot returns for a record when no `properties` are asked for.
const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_object_id', 'lastmodifieddate', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_object_id', 'lastmodifieddate', 'pipeline'],
  notes: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  tasks: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  leads: ['createdate', 'hs_lead_name', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage', 'lastmodifieddate'],
};

/** Properties HubSpot calculates on read: a company's number of associated contacts. */
const CALCULATED: Record<string, (store: CrmStore, record: CrmRecord) => string | undefined> = {
  num_associated_contacts: (store, record) => String(store.associations('companies', record.id, 'contacts').length),
};

// Always returned, asked for or not.
const ALWAYS = ['createdate', 'hs_object_id', 'lastmodifieddate'];

export interface ReadOptions {
  properties?: string[];
  propertiesWithHistory?: string[];
  associations?: ObjectType[];
}

export interface PublicHistoryEntry {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

export interface PublicObject {
  id: string;
  properties: Record<string, string>;
  propertiesWithHistory?: Record<string, PublicHistoryEntry[]>;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

// The names a read returns, in order: worked out once for each list a call asks with (a batch
// read of 100 records asks with one list), not once a record.
const namesAsked = new WeakMap<string[], string[]>();
function propertyNames(objectType: ObjectType, asked: string[] | undefined): string[] {
  if (!asked?.length) return DEFAULT_PROPERTIES[objectType];
  let names = namesAsked.get(asked);
  if (!names) namesAsked.set(asked, (names = [...new Set([...asked, ...ALWAYS])].sort()));
  return names;
}

/** A record as HubSpot's v3 object APIs return it: asked-for properties (null when unset), history and associations. */
export function toPublicObject(store: CrmStore, record: CrmRecord, options: ReadOptions = {}): PublicObject {
  // HubSpot often sends null for an asked-for property that has no value, but its published
  // schema says property values are strings; the fake omits them, so callers must (and do)
  // treat absent and null alike.
  const properties: Record<string, string> = {};
  for (const name of propertyNames(record.objectType, options.properties)) {
    const value = name in CALCULATED && record.objectType === 'companies' ? CALCULATED[name]!(store, record) : record.properties.get(name);
    if (value !== undefined) properties[name] = value;
  }
  const out: PublicObject = {
    id: record.id,
    properties,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
    ...(record.archivedAt !== undefined ? { archivedAt: new Date(record.archivedAt).toISOString() } : {}),
  };
  if (options.propertiesWithHistory && options.propertiesWithHistory.length) {
    out.propertiesWithHistory = {};
    for (const name of options.propertiesWithHistory) {
      if (!store.propertyDefinition(record.objectType, name)) continue;
      out.propertiesWithHistory[name] = (record.history.get(name) ?? []).map(publicHistoryEntry);
    }
  }
  if (options.associations && options.associations.length) {
    const associations: NonNullable<PublicObject['associations']> = {};
    for (const toType of options.associations) {
      const results = store.associations(record.objectType, record.id, toType).flatMap(({ toId, typeIds }) =>
        typeIds.map((typeId) => ({
          id: toId,
          type: v3AssociationTypeName(OBJECT_TYPES[record.objectType].singular, OBJECT_TYPES[toType].singular, typeId === primaryAssociationTypeId(record.objectType, toType)),
        })),
      );
      if (results.length) associations[toType] = { results };
    }
    if (Object.keys(associations).length) out.associations = associations;
  }
  return out;
}

function publicHistoryEntry(entry: HistoryEntry): PublicHistoryEntry {
  return {
    value: entry.value,
    timestamp: new Date(entry.timestamp).toISOString(),
    sourceType: entry.sourceType,
    ...(entry.sourceId !== undefined ? { sourceId: entry.sourceId } : {}),
    ...(entry.sourceLabel !== undefined ? { sourceLabel: entry.sourceLabel } : {}),
    ...(entry.updatedByUserId !== undefined ? { updatedByUserId: entry.updatedByUserId } : {}),
  };
}
