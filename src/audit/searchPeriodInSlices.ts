import type { ContactSnapshot, CrmGateway } from '../hubspot/crmGateway.js';

export interface PeriodSearch {
  /** A date property, compared in epoch ms (HubSpot's search takes either). */
  property: string;
  from: Date;
  to: Date;
  properties: string[];
  /** How many slices of the period are searched at once (default 4). */
  slices?: number;
}

const PAGE = 200;

/**
 * Contacts whose `property` falls in [from, to), read as `slices` equal slices of the period
 * searched at the same time. One search pages one request after another, each waiting for the
 * previous page's cursor, so a single search spends most of the rate limit waiting on round trips.
 * Several slices in flight keep the gateway's search pacer busy at HubSpot's per-second limit
 * (the pacer, shared by every slice, keeps them under it). Ids are unique across slices. A period
 * that fits in one page costs one call; a bigger one costs one call more than its pages.
 */
export async function searchPeriodInSlices(crm: CrmGateway, search: PeriodSearch, onProgress: (fetched: number) => void = () => undefined): Promise<ContactSnapshot[]> {
  const from = search.from.getTime();
  const to = search.to.getTime();
  // One page first: a small portal is done in one call, and the total says how many slices pay.
  const first = await crm.searchContactsFirstPage(
    [
      { property: search.property, op: 'GTE', value: String(from) },
      { property: search.property, op: 'LT', value: String(to) },
    ],
    search.properties,
  );
  if (first.total <= first.contacts.length) {
    onProgress(first.contacts.length);
    return first.contacts;
  }
  const n = Math.max(1, Math.min(search.slices ?? 4, Math.ceil(first.total / PAGE), Math.floor((to - from) / 60_000) || 1));
  const bounds = Array.from({ length: n + 1 }, (_, i) => (i === n ? to : from + Math.floor(((to - from) * i) / n)));
  const fetched = new Array<number>(n).fill(0);
  const parts = await Promise.all(
    bounds.slice(0, -1).map((lo, i) =>
      crm.searchContacts(
        [
          { property: search.property, op: 'GTE', value: String(lo) },
          { property: search.property, op: 'LT', value: String(bounds[i + 1]) },
        ],
        search.properties,
        (count) => {
          fetched[i] = count;
          onProgress(fetched.reduce((a, b) => a + b, 0));
        },
      ),
    ),
  );
  return parts.flat();
}
