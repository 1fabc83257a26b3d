import { parsePolicy, type HandoffPolicy } from '../domain/index.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { toHandlerError } from '../handlers/handlerError.js';
import { HubSpotCrmGateway, INVOCATION_BUDGET_MS } from '../hubspot/hubspotCrmGateway.js';
import { connectionFromEnv, hubspotClient } from '../hubspot/hubspotClient.js';

// The policy is baked into each function bundle at deploy time (esbuild `define`), already
// validated; a function never reads files.
declare const HANDOFF_POLICY_JSON: string;

/** What a card gets back from `hubspot.serverless(uid, { parameters })`: data, or a typed error it can show. */
export type FunctionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; retryable: boolean } };

export interface AppFunctionContext {
  parameters?: Record<string, unknown>;
}

let policy: HandoffPolicy | undefined;

function loadPolicy(): HandoffPolicy {
  if (policy) return policy;
  const parsed = parsePolicy(JSON.parse(HANDOFF_POLICY_JSON));
  if (!parsed.ok) throw new Error(`the bundled handoff policy is invalid: ${JSON.stringify(parsed.error)}`);
  policy = parsed.value;
  return policy;
}

/**
 * An app function around a handler: token from PRIVATE_APP_ACCESS_TOKEN (HubSpot sets it for
 * static-auth apps), the same handlers as the server, errors returned as data.
 */
export function appFunction<T>(run: (ctx: HandlerContext, parameters: Record<string, unknown>) => Promise<T>, env: Readonly<Record<string, string | undefined>> = process.env) {
  return async (context: AppFunctionContext = {}): Promise<FunctionResult<T>> => {
    try {
      const conn = connectionFromEnv(env);
      if ('error' in conn) throw new Error(conn.error);
      const ctx: HandlerContext = { crm: new HubSpotCrmGateway(hubspotClient(conn)).forInvocation(INVOCATION_BUDGET_MS.appFunction), policy: loadPolicy(), now: () => new Date() };
      return { ok: true, data: await run(ctx, context.parameters ?? {}) };
    } catch (e) {
      const err = toHandlerError(e);
      return { ok: false, error: { code: err.code, message: err.message, retryable: err.retryable } };
    }
  };
}
