// The one place HubSpot's API version is named. Every call Handoff makes goes to a date-based
// path of this version (/crm/objects/2026-03/…): HubSpot's numbered /crm/v3 paths are
// unsupported from September 2027 and v4 (associations, actions) from 30 March 2027.
export const HUBSPOT_API_VERSION = '2026-03';

/** The CRM objects Handoff reads and writes, and the path segment each has in HubSpot's 2026-03 documents. */
const OBJECT_SEGMENT = {
  contacts: 'contacts',
  companies: 'companies',
  // HubSpot's 2026-03 deals document names deals by their object type id.
  deals: '0-3',
  notes: 'notes',
  tasks: 'tasks',
  leads: 'leads',
} as const;
export type CrmObject = keyof typeof OBJECT_SEGMENT;

const V = HUBSPOT_API_VERSION;

/** Paths on HubSpot's API host for this version, built in one place. */
export const hubspotPaths = {
  objects: (type: CrmObject) => `/crm/objects/${V}/${OBJECT_SEGMENT[type]}`,
  object: (type: CrmObject, id: string) => `/crm/objects/${V}/${OBJECT_SEGMENT[type]}/${encodeURIComponent(id)}`,
  batch: (type: CrmObject, op: 'read' | 'create' | 'update') => `/crm/objects/${V}/${OBJECT_SEGMENT[type]}/batch/${op}`,
  search: (type: CrmObject) => `/crm/objects/${V}/${OBJECT_SEGMENT[type]}/search`,
  associationsBatch: (from: CrmObject, to: CrmObject, op: 'read' | 'create') => `/crm/associations/${V}/${from}/${to}/batch/${op}`,
  properties: (type: CrmObject) => `/crm/properties/${V}/${type}`,
  property: (type: CrmObject, name: string) => `/crm/properties/${V}/${type}/${encodeURIComponent(name)}`,
  propertyGroups: (type: CrmObject) => `/crm/properties/${V}/${type}/groups`,
  owners: () => `/crm/owners/${V}`,
  pipelines: (type: CrmObject) => `/crm/pipelines/${V}/${type}`,
  accountDetails: () => `/account-info/${V}/details`,
  /** A blocked workflow enrolment completed (HubSpot's actions callbacks), one or a batch. */
  actionCallback: (callbackId: string) => `/automation/actions/callbacks/${V}/${encodeURIComponent(callbackId)}/complete`,
  actionCallbacks: () => `/automation/actions/callbacks/${V}/complete`,
} as const;
