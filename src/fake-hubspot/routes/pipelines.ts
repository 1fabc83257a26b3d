import { Hono } from 'hono';
import type { Pipeline } from '../crm/pipelines.js';
import { resourceNotFound } from '../http/hubspotErrors.js';
import { objectTypeParam } from '../http/requestInput.js';
import type { ApiPaths } from '../http/apiPaths.js';
import type { FakeEnv, RouteDeps } from '../http/deps.js';

/** Pipelines and their stages, read-only: what a portal has (the lead pipeline on Sales Hub Professional and Enterprise, the deal pipeline). */
export function pipelineRoutes(deps: RouteDeps, paths: ApiPaths): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const base = `${paths.pipelines}/:objectType`;
  const find = (pipelines: Pipeline[], id: string, type: string) => {
    const pipeline = pipelines.find((p) => p.id === id && !p.archived);
    if (!pipeline) throw resourceNotFound(`Pipeline ${id} does not exist for object type ${type}.`);
    return pipeline;
  };

  app.get(base, (c) => c.json({ results: deps.store.portal.pipelinesOf(objectTypeParam(c)).filter((p) => !p.archived).map(publicPipeline) }));
  app.get(`${base}/:pipelineId`, (c) => {
    const type = objectTypeParam(c);
    return c.json(publicPipeline(find(deps.store.portal.pipelinesOf(type), c.req.param('pipelineId'), type)));
  });
  app.get(`${base}/:pipelineId/stages`, (c) => {
    const type = objectTypeParam(c);
    return c.json({ results: publicPipeline(find(deps.store.portal.pipelinesOf(type), c.req.param('pipelineId'), type)).stages });
  });
  return app;
}

function publicPipeline(p: Pipeline) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    archived: p.archived,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    stages: p.stages.map((s) => ({ id: s.id, label: s.label, displayOrder: s.displayOrder, metadata: s.metadata, archived: false, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt), writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT' })),
  };
}
