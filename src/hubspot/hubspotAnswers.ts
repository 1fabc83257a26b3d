// What HubSpot's CRM API answers, as far as Handoff reads it (SimplePublicObject and its batch,
// search and association collections), and the small helpers both HubSpot adapters use.

const HS = 'HUBSPOT_DEFINED';

/** HubSpot's batch endpoints take at most 100 inputs. */
export const BATCH = 100;
export const chunks = <T>(all: readonly T[], size = BATCH): T[][] => Array.from({ length: Math.ceil(all.length / size) }, (_, i) => all.slice(i * size, (i + 1) * size));

// The shapes of HubSpot's answers that Handoff reads (SimplePublicObject and its batch and search collections).
export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, { value: string; timestamp: string; sourceType: string }[]>;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}
export interface BatchAnswer {
  results: PublicObject[];
  errors?: { category: string; context?: Record<string, string[]> }[];
}
export interface SearchAnswer {
  total: number;
  results: PublicObject[];
  paging?: { next?: { after: string } };
}
export interface AssociationsAnswer {
  results: { from: { id: string }; to: { toObjectId: string | number }[] }[];
}
export interface AssociatedIdsAnswer {
  results: { toObjectId: string | number }[];
  paging?: { next?: { after: string } };
}
export interface PipelineAnswer {
  id: string;
  label: string;
  stages: { id: string; label: string }[];
}
export interface PropertyAnswer {
  options?: { value: string; label: string }[];
}

export const defined = (props: Record<string, string | null | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(props).filter((e): e is [string, string] => e[1] !== null && e[1] !== undefined && e[1] !== ''));

export const batchErrors = (res: BatchAnswer) => res.errors ?? [];

export const associationTo = (id: string, typeId: number) => [{ to: { id }, types: [{ associationCategory: HS, associationTypeId: typeId }] }];
