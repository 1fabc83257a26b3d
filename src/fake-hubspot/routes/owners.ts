import { Hono } from 'hono';
import type { Owner } from '../crm/records.js';
import { resourceNotFound, validationError } from '../http/hubspotErrors.js';
import { boolParam, intParam } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';

/** Owners v3: active owners by default, archived ones with archived=true, paged by id. */
export function ownerRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  app.get(paths.owners, (c) => {
    const archived = boolParam(c, 'archived');
    const email = c.req.query('email')?.toLowerCase();
    const limit = intParam(c, 'limit', 100, 500);
    const after = c.req.query('after');
    const all = [...deps.store.owners.values()]
      .filter((o) => o.archived === archived && (!email || o.email.toLowerCase() === email))
      .sort((a, b) => Number(a.id) - Number(b.id))
      .filter((o) => after === undefined || Number(o.id) >= Number(after));
    const page = all.slice(0, limit);
    const next = all[limit];
    return c.json({ results: page.map(publicOwner), ...(next ? { paging: { next: { after: next.id, link: `${paths.owners}?after=${next.id}` } } } : {}) });
  });

  app.get(`${paths.owners}/:ownerId`, (c) => {
    const id = c.req.param('ownerId');
    const idProperty = c.req.query('idProperty') ?? 'id';
    if (idProperty !== 'id' && idProperty !== 'userId') throw validationError(`idProperty must be id or userId, not ${JSON.stringify(idProperty)}.`);
    const archived = boolParam(c, 'archived');
    const owner = [...deps.store.owners.values()].find((o) => (idProperty === 'id' ? o.id === id : String(o.userId) === id) && o.archived === archived);
    if (!owner) throw resourceNotFound(`Owner ${id} was not found${archived ? ' among archived owners' : ''}.`);
    return c.json(publicOwner(owner));
  });

  return app;
}

function publicOwner(o: Owner) {
  return {
    id: o.id,
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    type: o.type,
    archived: o.archived,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    teams: o.teams,
  };
}
