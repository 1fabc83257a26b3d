import { Hono } from 'hono';
import { z } from 'zod';
import { OBJECT_TYPES } from '../crm/objectTypes.js';
import { toPublicObject, type PublicObject } from '../crm/publicObject.js';
import { standardError, validationError, type StandardError } from '../http/hubspotErrors.js';
import { objectTypeParam, readBody, PropertyValues } from '../http/requestInput.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import type { ApiPaths } from '../http/apiPaths.js';
import { assertBatchSize } from './objects.js';
import { applyCreate, CreateInput, findRecord, planCreate, planUpdate } from './objectWrites.js';

const BatchRead = z.object({
  inputs: z.array(z.object({ id: z.string() })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const BatchCreate = z.object({ inputs: z.array(CreateInput) });
const BatchUpdate = z.object({ inputs: z.array(z.object({ id: z.string(), idProperty: z.string().optional(), properties: PropertyValues })) });
const BatchArchive = z.object({ inputs: z.array(z.object({ id: z.string() })) });

/**
 * CRM objects v3 in batches of up to 100. Values are checked for the whole batch first: one bad
 * value is a 400 and nothing is written, as HubSpot does. Unknown ids (and inputs failed by an
 * injected batch-partial fault) come back as errors in a 207, and only those inputs are skipped.
 */
export function batchRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const base = `${paths.objects}/:objectType/batch`;

  app.post(`${base}/read`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, BatchRead);
    assertBatchSize(input.inputs);
    const startedAt = new Date(deps.store.now()).toISOString();
    const failed = c.get('fault').failInputs?.(input.inputs.length) ?? new Set<number>();
    const results: PublicObject[] = [];
    const missing: string[] = [];
    const errors: StandardError[] = [];
    input.inputs.forEach(({ id }, i) => {
      const record = findRecord(deps, type, id, input.idProperty);
      if (!record) missing.push(id);
      else if (failed.has(i)) errors.push(injectedError(`read of ${id}`, id));
      else results.push(toPublicObject(deps.store, record, { properties: input.properties, propertiesWithHistory: input.propertiesWithHistory }));
    });
    if (missing.length) errors.unshift(standardError('OBJECT_NOT_FOUND', `Could not get some ${OBJECT_TYPES[type].upper} objects, they may be deleted or not exist. Check that ids are valid.`, { ids: missing }));
    return batchResponse(c, results, errors, startedAt, deps.store.now(), 200);
  });

  app.post(`${base}/create`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, BatchCreate);
    assertBatchSize(input.inputs);
    const startedAt = new Date(deps.store.now()).toISOString();
    const plans = input.inputs.map((one) => planCreate(deps, type, one));
    const emails = plans.map((p) => p.values.get('email')?.toLowerCase()).filter(Boolean);
    if (new Set(emails).size !== emails.length) throw validationError('Duplicate email addresses inside one batch: each contact must have its own email.');
    const failed = c.get('fault').failInputs?.(plans.length) ?? new Set<number>();
    const results = plans.flatMap((plan, i) => (failed.has(i) ? [] : [toPublicObject(deps.store, applyCreate(deps, type, plan), { properties: Object.keys(input.inputs[i]!.properties) })]));
    const errors = [...failed].map((i) => injectedError(`create input ${i}`, String(i)));
    return batchResponse(c, results, errors, startedAt, deps.store.now(), 201);
  });

  app.post(`${base}/update`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, BatchUpdate);
    assertBatchSize(input.inputs);
    const startedAt = new Date(deps.store.now()).toISOString();
    const found = input.inputs.map((one) => findRecord(deps, type, one.id, one.idProperty));
    const plans = input.inputs.map((one, i) => (found[i] ? planUpdate(deps, type, found[i], one.properties) : undefined));
    const failed = c.get('fault').failInputs?.(plans.length) ?? new Set<number>();
    const results: PublicObject[] = [];
    const missing: string[] = [];
    const errors: StandardError[] = [];
    plans.forEach((values, i) => {
      const record = found[i];
      if (!record || !values) missing.push(input.inputs[i]!.id);
      else if (failed.has(i)) errors.push(injectedError(`update of ${record.id}`, record.id));
      else results.push(toPublicObject(deps.store, deps.store.update(record, values, deps.apiSource), { properties: Object.keys(input.inputs[i]!.properties) }));
    });
    if (missing.length) errors.unshift(standardError('OBJECT_NOT_FOUND', `Could not update some ${OBJECT_TYPES[type].upper} objects, they may be deleted or not exist.`, { ids: missing }));
    return batchResponse(c, results, errors, startedAt, deps.store.now(), 200);
  });

  app.post(`${base}/archive`, async (c) => {
    const type = objectTypeParam(c);
    const input = await readBody(c, BatchArchive);
    assertBatchSize(input.inputs);
    for (const { id } of input.inputs) {
      const record = deps.store.get(type, id);
      if (record) deps.store.archive(record);
    }
    return c.body(null, 204);
  });

  return app;
}

function injectedError(what: string, id: string): StandardError {
  return standardError('INTERNAL_ERROR', `The ${what} failed inside the batch (injected by the fake HubSpot); retry it.`, { ids: [id] });
}

function batchResponse(c: import('hono').Context<FakeEnv>, results: PublicObject[], errors: StandardError[], startedAt: string, now: number, okStatus: 200 | 201) {
  const body = { status: 'COMPLETE' as const, results, startedAt, completedAt: new Date(now).toISOString(), ...(errors.length ? { numErrors: errors.length, errors } : {}) };
  return c.json(body, errors.length ? 207 : okStatus);
}
