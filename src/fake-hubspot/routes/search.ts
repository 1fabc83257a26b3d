import { Hono } from 'hono';
import { z } from 'zod';
import { toPublicObject } from '../crm/publicObject.js';
import { runSearch, SEARCH_LIMITS, SEARCH_OPERATORS, SearchRequestError, type SearchSort } from '../crm/search.js';
import { validationError } from '../http/hubspotErrors.js';
import { objectTypeParam, readBody } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';

const Filter = z.object({
  propertyName: z.string(),
  operator: z.enum(SEARCH_OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
  highValue: z.union([z.string(), z.number()]).transform(String).optional(),
  values: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});

// HubSpot's published schema says sorts are strings ("createdate", "-createdate" descending);
// its guides send objects ({ propertyName, direction }). Both are accepted, as HubSpot does.
const Sort = z.union([
  z.string().transform((s): SearchSort => (s.startsWith('-') ? { propertyName: s.slice(1), direction: 'DESCENDING' } : { propertyName: s, direction: 'ASCENDING' })),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

const SearchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(Filter) })).default([]),
  sorts: z.array(Sort).default([]),
  query: z.string().max(3000).optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().min(0).default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});

/** CRM search: filter groups, sorts, `after` paging, 200 a page and HubSpot's 10,000-result ceiling. */
export function searchRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  app.post(`${paths.objects}/:objectType/search`, async (c) => {
    const type = objectTypeParam(c);
    const body = await readBody(c, SearchBody);
    const { maxGroups, maxFiltersPerGroup, maxFilters, maxLimit, maxResults } = SEARCH_LIMITS;
    if (body.filterGroups.length > maxGroups) throw validationError(`Too many filter groups: ${body.filterGroups.length}. A search takes at most ${maxGroups}.`);
    const crowded = body.filterGroups.findIndex((g) => g.filters.length > maxFiltersPerGroup);
    if (crowded >= 0) throw validationError(`filterGroups[${crowded}] has ${body.filterGroups[crowded]!.filters.length} filters; a group takes at most ${maxFiltersPerGroup}.`);
    const filterCount = body.filterGroups.reduce((n, g) => n + g.filters.length, 0);
    if (filterCount > maxFilters) throw validationError(`Too many filters: ${filterCount}. A search takes at most ${maxFilters} across its groups.`);
    if (body.limit > maxLimit) throw validationError(`limit ${body.limit} is too large: a search page holds at most ${maxLimit}.`);
    const offset = body.after === undefined || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0) throw validationError(`after ${JSON.stringify(body.after)} is not a paging cursor from a previous page.`);
    if (offset >= maxResults) {
      throw validationError(`Search results are limited to ${maxResults} per query: after=${offset} pages past them. Narrow the filters (e.g. hs_object_id GT the last id seen).`);
    }
    let found;
    try {
      found = runSearch(deps.store, type, { filterGroups: body.filterGroups, sorts: body.sorts, query: body.query, limit: Math.min(body.limit, maxResults - offset), offset }, deps.searchLag);
    } catch (e) {
      if (e instanceof SearchRequestError) throw validationError(e.message, { errors: [{ message: e.message, in: e.field }] });
      throw e;
    }
    const nextOffset = offset + found.results.length;
    const hasNext = found.results.length > 0 && nextOffset < Math.min(found.total, maxResults);
    return c.json({
      total: found.total,
      results: found.results.map((r) => toPublicObject(deps.store, r, { properties: body.properties })),
      ...(hasNext ? { paging: { next: { after: String(nextOffset) } } } : {}),
    });
  });
  return app;
}
