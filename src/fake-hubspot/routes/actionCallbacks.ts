import { Hono } from 'hono';
import { z } from 'zod';
import type { FakeEnv } from '../http/deps.js';
import { readBody } from '../http/requestInput.js';
import { SERVED_VERSIONS } from '../http/apiPaths.js';

/** What a blocked workflow enrolment was completed with, as HubSpot records it. */
export interface ActionCompletion {
  callbackId: string;
  outputFields: Record<string, string>;
  at: number;
}

/** Every completion the fake received, in order: a drill checks each enrolment was completed once, with what. */
export class ActionCompletions {
  readonly all: ActionCompletion[] = [];

  of(callbackId: string): ActionCompletion[] {
    return this.all.filter((c) => c.callbackId === callbackId);
  }
}

// HubSpot's 2026-03 contract (actionsV4.json): outputFields is a map of strings; typedOutputs is required.
const Completion = z.object({ outputFields: z.record(z.string(), z.string()), typedOutputs: z.record(z.string(), z.unknown()), failureReasonType: z.string().optional(), requestContext: z.unknown().optional() });
const BatchCompletion = z.object({ inputs: z.array(Completion.extend({ callbackId: z.string().min(1) })).min(1).max(100) });

/**
 * Workflow actions' callbacks (POST /automation/actions/callbacks/2026-03/{callbackId}/complete
 * and its batch form, and v4's): a blocked enrolment completed with its output fields, answered
 * 204 as HubSpot does.
 */
export function actionCallbackRoutes(completions: ActionCompletions, now: () => number): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  for (const version of ['v4', ...SERVED_VERSIONS]) {
    const base = version === 'v4' ? '/automation/v4/actions/callbacks' : `/automation/actions/callbacks/${version}`;
    app.post(`${base}/complete`, async (c) => {
      const body = await readBody(c, BatchCompletion);
      for (const input of body.inputs) completions.all.push({ callbackId: input.callbackId, outputFields: input.outputFields, at: now() });
      return c.body(null, 204);
    });
    app.post(`${base}/:callbackId/complete`, async (c) => {
      const body = await readBody(c, Completion);
      completions.all.push({ callbackId: c.req.param('callbackId'), outputFields: body.outputFields, at: now() });
      return c.body(null, 204);
    });
  }
  return app;
}
