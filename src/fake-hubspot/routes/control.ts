import { Hono } from 'hono';
import { z } from 'zod';
import { FaultRuleSchema, type FaultInjector } from '../http/faults.js';
import type { CallCounter } from '../http/callCounter.js';
import type { RateLimiter } from '../http/rateLimits.js';
import type { CrmStore } from '../crm/crmStore.js';
import { objectNotFound } from '../http/hubspotErrors.js';
import { readBody } from '../http/requestInput.js';
import type { FakeEnv } from '../http/deps.js';

const RateLimitsBody = z.union([
  z.literal(false),
  z.strictObject({ tenSecondly: z.number().int().positive(), searchPerSecond: z.number().int().positive(), daily: z.number().int().positive(), timeScale: z.number().positive() }),
]);

/**
 * The fake's own control surface under /__fake (not HubSpot's API; never counted or limited):
 * read and reset the call counter, set faults and limits, and log a sales activity on a contact
 * (HubSpot computes last-contacted from calls and emails, which the fake does not serve).
 */
export function controlRoutes(deps: { store: CrmStore; calls: CallCounter; faults: FaultInjector; limits: RateLimiter }): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  app.get('/__fake/calls', (c) => c.json({ total: deps.calls.list().length, byRoute: deps.calls.byRoute(), byStatus: deps.calls.byStatus() }));
  app.delete('/__fake/calls', (c) => {
    deps.calls.reset();
    return c.body(null, 204);
  });
  app.get('/__fake/faults', (c) => c.json({ rules: deps.faults.list() }));
  app.post('/__fake/faults', async (c) => {
    const body = await readBody(c, z.object({ rules: z.array(FaultRuleSchema), seed: z.number().int().optional() }));
    deps.faults.clear(body.seed);
    deps.faults.inject(...body.rules);
    return c.json({ rules: deps.faults.list() });
  });
  app.delete('/__fake/faults', (c) => {
    deps.faults.clear();
    return c.body(null, 204);
  });
  app.get('/__fake/rate-limits', (c) => c.json({ rateLimits: deps.limits.settings }));
  app.put('/__fake/rate-limits', async (c) => {
    deps.limits.configure(await readBody(c, RateLimitsBody));
    return c.json({ rateLimits: deps.limits.settings });
  });
  app.post('/__fake/contacts/:id/activity', async (c) => {
    const body = await readBody(c, z.object({ at: z.iso.datetime({ offset: true }).optional() }));
    const contact = deps.store.get('contacts', c.req.param('id'));
    if (!contact) throw objectNotFound(c.req.param('id'));
    deps.store.logSalesActivity(contact, body.at ? Date.parse(body.at) : deps.store.now());
    return c.json({ id: contact.id, notes_last_contacted: contact.properties.get('notes_last_contacted') });
  });
  return app;
}
