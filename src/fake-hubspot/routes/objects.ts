import { Hono } from 'hono';
import { z } from 'zod';
import { toPublicObject } from '../crm/publicObject.js';
import { objectNotFound, validationError } from '../http/hubspotErrors.js';
import { associationTypesParam, boolParam, intParam, listParam, objectTypeParam, readBody, PropertyValues } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';
import { applyCreate, CreateInput, findRecord, planCreate, planUpdate } from './objectWrites.js';

/** CRM objects v3, one record at a time: list, create, read, update, archive. */
export function objectRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const base = `${paths.objects}/:objectType`;

  app.get(base, (c) => {
    const type = objectTypeParam(c);
    const limit = intParam(c, 'limit', 10, 100);
    const after = c.req.query('after');
    const options = { properties: listParam(c, 'properties'), propertiesWithHistory: listParam(c, 'propertiesWithHistory'), associations: associationTypesParam(c) };
    const page = [];
    let next: string | undefined;
    for (const record of deps.store.all(type)) {
      if (after !== undefined && Number(record.id) < Number(after)) continue;
      if (page.length === limit) {
        next = record.id;
        break;
      }
      page.push(toPublicObject(deps.store, record, options));
    }
    return c.json({ results: page, ...(next ? { paging: { next: { after: next, link: `${base.replace(':objectType', type)}?after=${next}` } } } : {}) });
  });

  app.post(base, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, CreateInput);
    const record = applyCreate(deps, type, planCreate(deps, type, input));
    return c.json(toPublicObject(deps.store, record, { properties: Object.keys(input.properties) }), 201);
  });

  app.get(`${base}/:objectId`, (c) => {
    const type = objectTypeParam(c);
    const id = c.req.param('objectId');
    const record = findRecord(deps, type, id, c.req.query('idProperty'));
    if (!record || (record.archived && !boolParam(c, 'archived'))) throw objectNotFound(id);
    return c.json(
      toPublicObject(deps.store, record, { properties: listParam(c, 'properties'), propertiesWithHistory: listParam(c, 'propertiesWithHistory'), associations: associationTypesParam(c) }),
    );
  });

  app.patch(`${base}/:objectId`, async (c) => {
    const type = objectTypeParam(c);
    const id = c.req.param('objectId');
    const input = await readBody(c, z.object({ properties: PropertyValues }));
    const record = findRecord(deps, type, id, c.req.query('idProperty'));
    if (!record) throw objectNotFound(id);
    const values = planUpdate(deps, type, record, input.properties);
    deps.store.update(record, values, deps.apiSource);
    return c.json(toPublicObject(deps.store, record, { properties: Object.keys(input.properties) }));
  });

  app.delete(`${base}/:objectId`, (c) => {
    const type = objectTypeParam(c);
    const record = deps.store.get(type, c.req.param('objectId'));
    if (record) deps.store.archive(record);
    return c.body(null, 204);
  });

  return app;
}

export function assertBatchSize(inputs: unknown[], max = 100): void {
  if (inputs.length > max) throw validationError(`Too many inputs: ${inputs.length}. A batch takes at most ${max}.`, { context: { inputs: [String(inputs.length)] } });
}
