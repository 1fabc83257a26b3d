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
  updatedAt?: string;
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
export interface ListAnswer {
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

/**
 * Creates records in batch creates (100 a call), each input's id matched back by what it wrote,
 * since HubSpot does not promise the answer's order: `keyOf` reads the same key from the
 * properties sent and those answered. Inputs that would look alike go one by one (`one`).
 */
export async function createInBatches<T>(
  inputs: readonly T[],
  o: { propertiesOf: (t: T) => Record<string, string>; keyOf: (p: Record<string, string | null | undefined>) => string; one: (t: T) => Promise<string>; batch: (part: T[]) => Promise<BatchAnswer>; notCreated: (t: T) => Error },
): Promise<({ ok: true; value: string } | { ok: false; error: unknown })[]> {
  const out: ({ ok: true; value: string } | { ok: false; error: unknown })[] = new Array(inputs.length);
  const keys = inputs.map((t) => o.keyOf(o.propertiesOf(t)));
  const clash = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
  for (const i of inputs.keys()) if (clash.has(keys[i]!)) out[i] = await o.one(inputs[i]!).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  for (const part of chunks(inputs.map((_, i) => i).filter((i) => !clash.has(keys[i]!)))) {
    try {
      const res = await o.batch(part.map((i) => inputs[i]!));
      const ids = new Map(res.results.map((r) => [o.keyOf(r.properties), r.id]));
      for (const i of part) {
        const id = ids.get(keys[i]!);
        out[i] = id ? { ok: true, value: id } : { ok: false, error: o.notCreated(inputs[i]!) };
      }
    } catch (e) {
      for (const i of part) out[i] = { ok: false, error: e };
    }
  }
  return out;
}
