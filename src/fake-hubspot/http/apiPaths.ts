// The fake stands alone (it imitates HubSpot, not Handoff), so it names the versions it serves itself.
/** The date-based API versions the fake serves, as HubSpot does. */
export const SERVED_VERSIONS = ['2026-03'] as const;

/** Where each API the fake serves is mounted: HubSpot serves the same shapes at numbered and at date-based paths. */
export interface ApiPaths {
  /** CRM objects: /crm/v3/objects or /crm/objects/2026-03. */
  objects: string;
  /** Associations of one record: /crm/v4/objects, or /crm/objects/2026-03 again. */
  objectAssociations: string;
  /** Batch associations: /crm/v4/associations or /crm/associations/2026-03. */
  associations: string;
  properties: string;
  owners: string;
  pipelines: string;
}

/** The numbered paths (v3 objects, properties, owners, pipelines; v4 associations), unsupported from 2027. */
export const NUMBERED_PATHS: ApiPaths = {
  objects: '/crm/v3/objects',
  objectAssociations: '/crm/v4/objects',
  associations: '/crm/v4/associations',
  properties: '/crm/v3/properties',
  owners: '/crm/v3/owners',
  pipelines: '/crm/v3/pipelines',
};

/** The date-based paths of one API version (/crm/objects/2026-03/…), which replace the numbered ones. */
export function datedPaths(version: string): ApiPaths {
  return {
    objects: `/crm/objects/${version}`,
    objectAssociations: `/crm/objects/${version}`,
    associations: `/crm/associations/${version}`,
    properties: `/crm/properties/${version}`,
    owners: `/crm/owners/${version}`,
    pipelines: `/crm/pipelines/${version}`,
  };
}

/** Every path set the fake serves. */
export const API_PATHS: readonly ApiPaths[] = [NUMBERED_PATHS, ...SERVED_VERSIONS.map(datedPaths)];
