import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { defaultAssociationTypeId, isKnownAssociationType, inverseAssociationTypeId } from '../crm/associationTypes.js';
import { OBJECT_TYPES, type ObjectType } from '../crm/objectTypes.js';
import { objectNotFound, standardError, validationError, type StandardError } from '../http/hubspotErrors.js';
import { intParam, objectTypeParam, readBody } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';
import { AssociationSpec } from './objectWrites.js';
import { assertBatchSize } from './objects.js';

const ObjectId = z.object({ id: z.string() });

/** Associations v4 between contacts, companies, deals, notes and tasks (HubSpot-defined types). */
export function associationRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const { store } = deps;
  const iso = () => new Date(store.now()).toISOString();
  const mustExist = (type: ObjectType, id: string) => {
    if (!store.get(type, id)) throw objectNotFound(id);
  };
  const typesOf = (from: ObjectType, fromId: string, to: ObjectType) =>
    store.associations(from, fromId, to).map(({ toId, typeIds }) => ({
      toObjectId: toId,
      associationTypes: typeIds.map((typeId) => ({ category: 'HUBSPOT_DEFINED' as const, typeId, ...(isPrimary(from, to, typeId) ? { label: 'Primary' } : {}) })),
    }));
  const defaultType = (from: ObjectType, to: ObjectType) => {
    const typeId = defaultAssociationTypeId(from, to);
    if (typeId === undefined) throw validationError(`There is no default association from ${from} to ${to}.`);
    return typeId;
  };
  const pair = (from: ObjectType, fromId: string, to: ObjectType, toId: string) => ({
    fromObjectTypeId: OBJECT_TYPES[from].typeId,
    fromObjectId: fromId,
    toObjectTypeId: OBJECT_TYPES[to].typeId,
    toObjectId: toId,
    labels: [] as string[],
  });
  const defaultResults = (from: ObjectType, fromId: string, to: ObjectType, toId: string) => {
    const typeId = defaultType(from, to);
    store.associate(from, fromId, to, toId, typeId);
    const spec = (id: number) => ({ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: id });
    return [
      { from: { id: fromId }, to: { id: toId }, associationSpec: spec(typeId) },
      { from: { id: toId }, to: { id: fromId }, associationSpec: spec(inverseAssociationTypeId(from, to, typeId)!) },
    ];
  };
  const types = (c: Context<FakeEnv>) => [objectTypeParam(c, 'fromObjectType'), objectTypeParam(c, 'toObjectType')] as const;

  app.get(`${paths.objectAssociations}/:fromObjectType/:objectId/associations/:toObjectType`, (c) => {
    const [from, to] = types(c);
    const limit = intParam(c, 'limit', 500, 500);
    const after = c.req.query('after');
    const all = typesOf(from, c.req.param('objectId'), to).filter((a) => after === undefined || Number(a.toObjectId) >= Number(after));
    const next = all[limit];
    return c.json({ results: all.slice(0, limit), ...(next ? { paging: { next: { after: next.toObjectId } } } : {}) });
  });

  app.put(`${paths.objectAssociations}/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId`, (c) => {
    const [from, to] = types(c);
    const fromId = c.req.param('fromObjectId');
    const toId = c.req.param('toObjectId');
    mustExist(from, fromId);
    mustExist(to, toId);
    const startedAt = iso();
    return c.json({ status: 'COMPLETE', results: defaultResults(from, fromId, to, toId), startedAt, completedAt: iso() });
  });

  app.put(`${paths.objectAssociations}/:fromObjectType/:objectId/associations/:toObjectType/:toObjectId`, async (c) => {
    const [from, to] = types(c);
    const fromId = c.req.param('objectId');
    const toId = c.req.param('toObjectId');
    const specs = await readBody(c, z.array(AssociationSpec).min(1));
    mustExist(from, fromId);
    mustExist(to, toId);
    for (const s of specs) if (!isKnownAssociationType(from, to, s.associationTypeId)) throw validationError(`associationTypeId ${s.associationTypeId} does not go from ${from} to ${to}.`);
    for (const s of specs) store.associate(from, fromId, to, toId, s.associationTypeId);
    return c.json(pair(from, fromId, to, toId), 201);
  });

  app.delete(`${paths.objectAssociations}/:fromObjectType/:objectId/associations/:toObjectType/:toObjectId`, (c) => {
    const [from, to] = types(c);
    store.dissociate(from, c.req.param('objectId'), to, c.req.param('toObjectId'));
    return c.body(null, 204);
  });

  app.post(`${paths.associations}/:fromObjectType/:toObjectType/batch/read`, async (c) => {
    const [from, to] = types(c);
    const input = await readBody(c, z.object({ inputs: z.array(z.object({ id: z.string(), after: z.string().optional() })) }));
    assertBatchSize(input.inputs, 1000);
    const startedAt = iso();
    const results = [];
    const errors: StandardError[] = [];
    for (const { id } of input.inputs) {
      const found = store.get(from, id) ? typesOf(from, id, to) : [];
      if (found.length) results.push({ from: { id }, to: found });
      // HubSpot adds subCategory "crm.associations.NO_ASSOCIATIONS_FOUND", which its published
      // schema types as an object; the fake keeps to the schema and leaves it out.
      else errors.push(standardError('OBJECT_NOT_FOUND', `No ${OBJECT_TYPES[to].singular} is associated with ${OBJECT_TYPES[from].singular} ${id}.`, { fromObjectId: [id] }));
    }
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: iso(), ...(errors.length ? { numErrors: errors.length, errors } : {}) }, errors.length ? 207 : 200);
  });

  app.post(`${paths.associations}/:fromObjectType/:toObjectType/batch/create`, async (c) => {
    const [from, to] = types(c);
    const input = await readBody(c, z.object({ inputs: z.array(z.object({ from: ObjectId, to: ObjectId, types: z.array(AssociationSpec).min(1) })) }));
    assertBatchSize(input.inputs);
    for (const one of input.inputs) {
      mustExist(from, one.from.id);
      mustExist(to, one.to.id);
      for (const s of one.types) if (!isKnownAssociationType(from, to, s.associationTypeId)) throw validationError(`associationTypeId ${s.associationTypeId} does not go from ${from} to ${to}.`);
    }
    const startedAt = iso();
    const results = input.inputs.map((one) => {
      for (const s of one.types) store.associate(from, one.from.id, to, one.to.id, s.associationTypeId);
      return pair(from, one.from.id, to, one.to.id);
    });
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: iso() }, 201);
  });

  app.post(`${paths.associations}/:fromObjectType/:toObjectType/batch/associate/default`, async (c) => {
    const [from, to] = types(c);
    const input = await readBody(c, z.object({ inputs: z.array(z.object({ from: ObjectId, to: ObjectId })) }));
    assertBatchSize(input.inputs);
    for (const one of input.inputs) {
      mustExist(from, one.from.id);
      mustExist(to, one.to.id);
    }
    const startedAt = iso();
    const results = input.inputs.flatMap((one) => defaultResults(from, one.from.id, to, one.to.id));
    return c.json({ status: 'COMPLETE', results, startedAt, completedAt: iso() });
  });

  app.post(`${paths.associations}/:fromObjectType/:toObjectType/batch/archive`, async (c) => {
    const [from, to] = types(c);
    const input = await readBody(c, z.object({ inputs: z.array(z.object({ from: ObjectId, to: z.array(ObjectId) })) }));
    assertBatchSize(input.inputs);
    for (const one of input.inputs) for (const t of one.to) store.dissociate(from, one.from.id, to, t.id);
    return c.body(null, 204);
  });

  return app;
}

function isPrimary(from: ObjectType, to: ObjectType, typeId: number): boolean {
  return isKnownAssociationType(from, to, typeId) && defaultAssociationTypeId(from, to) !== typeId;
}
