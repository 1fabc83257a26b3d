import type { CrmStore } from './crmStore.js';
import type { SearchLag } from './searchLag.js';
import type { ObjectType } from './objectTypes.js';
import type { PropertyDefinition } from './propertyDefinition.js';
import { parseInstant } from './propertyValues.js';
import type { CrmRecord } from './records.js';

export const SEARCH_OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

export interface SearchFilter {
  propertyName: string;
  operator: SearchOperator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

export interface SearchQuery {
  filterGroups: { filters: SearchFilter[] }[];
  sorts: SearchSort[];
  query?: string;
  limit: number;
  offset: number;
}

/** HubSpot's limits on one search request. */
export const SEARCH_LIMITS = { maxGroups: 5, maxFiltersPerGroup: 6, maxFilters: 18, maxLimit: 200, maxResults: 10_000 } as const;

// What the free-text `query` looks in, as HubSpot's default searchable properties.
const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  companies: ['name', 'domain', 'phone'],
  deals: ['dealname'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
  leads: ['hs_lead_name'],
};

export type Predicate = (record: CrmRecord) => boolean;

/** A filter as a predicate; throws (the caller maps to 400) when HubSpot would refuse it. */
export function compileFilter(def: PropertyDefinition | undefined, filter: SearchFilter): Predicate {
  if (!def) throw new SearchRequestError(`Property "${filter.propertyName}" does not exist, so it cannot be used in a filter.`, `filterGroups.filters.propertyName`);
  const name = def.name;
  const key = comparable(def);
  const need = (v: string | undefined, field: string): string => {
    if (v === undefined) throw new SearchRequestError(`Operator ${filter.operator} on "${name}" needs a ${field}.`, field);
    return v;
  };
  const valueOf = (r: CrmRecord) => r.properties.get(name);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return (r) => valueOf(r) !== undefined;
    case 'NOT_HAS_PROPERTY':
      return (r) => valueOf(r) === undefined;
    case 'EQ': {
      const want = key(need(filter.value, 'value'));
      return (r) => eq(key, valueOf(r), want);
    }
    case 'NEQ': {
      const want = key(need(filter.value, 'value'));
      return (r) => !eq(key, valueOf(r), want);
    }
    case 'IN':
    case 'NOT_IN': {
      if (!filter.values?.length) throw new SearchRequestError(`Operator ${filter.operator} on "${name}" needs values.`, 'values');
      const wants = filter.values.map(key);
      const inSet: Predicate = (r) => wants.some((w) => eq(key, valueOf(r), w));
      return filter.operator === 'IN' ? inSet : (r) => !inSet(r);
    }
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE': {
      const want = key(need(filter.value, 'value'));
      const test = { GT: (c: number) => c > 0, GTE: (c: number) => c >= 0, LT: (c: number) => c < 0, LTE: (c: number) => c <= 0 }[filter.operator];
      return (r) => {
        const v = valueOf(r);
        return v !== undefined && test(compare(key(v), want));
      };
    }
    case 'BETWEEN': {
      const low = key(need(filter.value, 'value'));
      const high = key(need(filter.highValue, 'highValue'));
      return (r) => {
        const v = valueOf(r);
        if (v === undefined) return false;
        const k = key(v);
        return compare(k, low) >= 0 && compare(k, high) <= 0;
      };
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = need(filter.value, 'value').toLowerCase();
      const contains: Predicate = (r) => containsToken(valueOf(r), token);
      return filter.operator === 'CONTAINS_TOKEN' ? contains : (r) => !contains(r);
    }
  }
}

// The matches of the last few queries, so the pages of one query do not each scan the store
// (HubSpot answers from an index); any write to the store invalidates them.
const cache = new Map<string, { version: number; matches: CrmRecord[] }>();

/** Runs a search: filter groups are ORed, filters in a group ANDed; default order is by id. With a lag, search sees what HubSpot's index would. */
export function runSearch(store: CrmStore, type: ObjectType, q: SearchQuery, lag?: SearchLag): { total: number; results: CrmRecord[] } {
  const lagging = lag?.active() ?? false;
  const key = `${type}|${JSON.stringify([q.filterGroups, q.sorts, q.query ?? ''])}`;
  const hit = cache.get(key);
  if (!lagging && hit && hit.version === store.version) return { total: hit.matches.length, results: hit.matches.slice(q.offset, q.offset + q.limit) };
  const matches = allMatches(store, type, q, lagging ? lag : undefined);
  if (lagging) return { total: matches.length, results: matches.slice(q.offset, q.offset + q.limit) };
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, { version: store.version, matches });
  return { total: matches.length, results: matches.slice(q.offset, q.offset + q.limit) };
}

function allMatches(store: CrmStore, type: ObjectType, q: SearchQuery, lag?: SearchLag): CrmRecord[] {
  if (lag) {
    const seen = (records: Iterable<CrmRecord>) => (function* () {
      for (const r of records) {
        const v = lag.view(r);
        if (v) yield v;
      }
    })();
    const lagged = Object.create(store) as CrmStore;
    lagged.all = (t: ObjectType) => seen(store.all(t));
    lagged.allAbove = (t: ObjectType, floor: number) => seen(store.allAbove(t, floor));
    return allMatches(lagged, type, q);
  }
  const groups = q.filterGroups.map((g) => g.filters.map((f) => compileFilter(store.propertyDefinition(type, f.propertyName), f)));
  const queryTokens = q.query?.trim() ? q.query.trim().toLowerCase().split(/\s+/) : [];
  const queryProps = QUERY_PROPERTIES[type];
  const matches = (r: CrmRecord): boolean => {
    if (groups.length && !groups.some((g) => g.every((p) => p(r)))) return false;
    return queryTokens.every((t) => queryProps.some((p) => tokens(r.properties.get(p)).some((w) => w.startsWith(t)) || (r.properties.get(p)?.toLowerCase().startsWith(t) ?? false)));
  };
  const sort = q.sorts[0];
  if (!sort || sort.propertyName === 'hs_object_id') {
    // Records are kept in id order: page without sorting everything.
    const descending = sort?.direction === 'DESCENDING';
    // Every group requiring hs_object_id > N (how callers page past the 10,000 ceiling) lets the scan start above N.
    const floors = q.filterGroups.map((g) => Math.max(-1, ...g.filters.filter((f) => f.propertyName === 'hs_object_id' && f.operator === 'GT' && f.value !== undefined).map((f) => Number(f.value))));
    const floor = floors.length ? Math.min(...floors) : -1;
    const all: CrmRecord[] = [];
    for (const r of floor >= 0 ? store.allAbove(type, floor) : store.all(type)) if (matches(r)) all.push(r);
    if (descending) all.reverse();
    return all;
  }
  const def = store.propertyDefinition(type, sort.propertyName);
  if (!def) throw new SearchRequestError(`Property "${sort.propertyName}" does not exist, so it cannot be used to sort.`, 'sorts');
  const key = comparable(def);
  const sign = sort.direction === 'DESCENDING' ? -1 : 1;
  const all = [...store.all(type)].filter(matches);
  all.sort((a, b) => {
    const va = a.properties.get(def.name);
    const vb = b.properties.get(def.name);
    if (va === undefined || vb === undefined) return va === vb ? Number(a.id) - Number(b.id) : va === undefined ? 1 : -1;
    return sign * compare(key(va), key(vb)) || Number(a.id) - Number(b.id);
  });
  return all;
}

export class SearchRequestError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

type Key = string | number;

/** How values of a property compare: numbers and instants as numbers, text case-insensitively. */
function comparable(def: PropertyDefinition): (raw: string) => Key {
  if (def.type === 'number') return (raw) => (Number.isFinite(Number(raw)) ? Number(raw) : raw.toLowerCase());
  if (def.type === 'datetime' || def.type === 'date') return (raw) => parseInstant(raw) ?? raw.toLowerCase();
  return (raw) => raw.toLowerCase();
}

function eq(key: (raw: string) => Key, stored: string | undefined, want: Key): boolean {
  return stored !== undefined && key(stored) === want;
}

function compare(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function tokens(value: string | undefined): string[] {
  return value ? value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean) : [];
}

/** CONTAINS_TOKEN: a whole token of the value, or a `*` wildcard pattern over the value or a token. */
function containsToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false;
  if (token.includes('*')) {
    const re = new RegExp(`^${token.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  const wanted = tokens(token);
  const have = tokens(value);
  if (wanted.length <= 1) return have.includes(wanted[0] ?? token);
  return have.join(' ').includes(wanted.join(' '));
}
