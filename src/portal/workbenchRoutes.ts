import { Hono } from 'hono';
import { clockRoutes } from './workbench-routes/clockRoutes.js';
import { fetchProxyRoutes } from './workbench-routes/fetchProxyRoutes.js';
import { leadFormRoutes } from './workbench-routes/leadFormRoutes.js';
import { recordRoutes } from './workbench-routes/recordRoutes.js';
import { repActivityRoutes } from './workbench-routes/repActivityRoutes.js';
import { workbenchKit, type WorkbenchDeps } from './workbench-routes/workbenchKit.js';

export type { WorkbenchDeps } from './workbench-routes/workbenchKit.js';

/**
 * The workbench: the page, and the API behind it, one part per job (HubSpot's screens, a rep's
 * activity, marketing's form and workflow, the clock, HubSpot's fetch proxy). Reading records
 * plays HubSpot's own UI (it reads the fake's store, as HubSpot's screens read HubSpot);
 * everything Handoff does goes through the real server and handlers, over the fake's HTTP API.
 */
export function workbenchRoutes(d: WorkbenchDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(d.html));
  app.get('/assets/workbench.css', (c) => c.body(d.css, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/assets/workbench.js', async (c) => c.body(await d.bundle(), 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  // The home page links to HubSpot's record URL; here that is the workbench's record page.
  app.get('/contacts/record/0-1/:id', (c) => c.redirect(`/#/contact/${c.req.param('id')}`));
  const kit = workbenchKit(d);
  for (const part of [recordRoutes, repActivityRoutes, leadFormRoutes, clockRoutes, fetchProxyRoutes]) part(app, kit);
  return app;
}
