import { hubspotSignedHeaders } from '../server/signature.js';

// App functions reach no database of Handoff's, so they hold no state and take no decision: each
// forwards its parameters to the Handoff server's card route, signed with the app's client secret
// exactly as HubSpot signs hubspot.fetch, and every write goes through the server's ledger.
// Secrets (HubSpot app function secrets): HANDOFF_SERVER_URL and HANDOFF_CLIENT_SECRET.

/** What a card gets back from `hubspot.serverless(uid, { parameters })`: data, or a typed error it can show. */
export type FunctionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; retryable: boolean } };

export interface AppFunctionContext {
  parameters?: Record<string, unknown>;
  /** The portal the function runs for (HubSpot's context.accountId): the server refuses another portal's. */
  accountId?: number;
}

export const FUNCTION_SECRETS = ['HANDOFF_SERVER_URL', 'HANDOFF_CLIENT_SECRET'] as const;

/** An app function that forwards to the server's `/api/cards/<route>`; `viewerEmail` becomes the userEmail HubSpot's proxy would add. */
export function forwardToServer<T>(route: string, env: Readonly<Record<string, string | undefined>> = process.env, fetchImpl: typeof fetch = fetch) {
  return async (context: AppFunctionContext = {}): Promise<FunctionResult<T>> => {
    const base = env.HANDOFF_SERVER_URL?.replace(/\/+$/, '');
    const secret = env.HANDOFF_CLIENT_SECRET;
    if (!base || !secret) {
      return { ok: false, error: { code: 'INTERNAL', message: `the app function secrets ${FUNCTION_SECRETS.join(' and ')} are not set: every card request goes to the Handoff server, which holds the ledger`, retryable: false } };
    }
    const { viewerEmail, ...parameters } = context.parameters ?? {};
    const query = new URLSearchParams({ ...(typeof viewerEmail === 'string' && viewerEmail ? { userEmail: viewerEmail } : {}), ...(context.accountId ? { portalId: String(context.accountId) } : {}) }).toString();
    const url = `${base}/api/cards/${route}${query ? `?${query}` : ''}`;
    const body = JSON.stringify(parameters);
    try {
      const res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(secret, 'POST', url, body, Date.now()) }, body });
      const json = (await res.json()) as { error?: { code: string; message: string; retryable: boolean } };
      if (!res.ok) return { ok: false, error: json.error ?? { code: 'INTERNAL', message: `the Handoff server answered ${res.status}`, retryable: res.status >= 500 } };
      return { ok: true, data: json as T };
    } catch (e) {
      return { ok: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: `the Handoff server at ${base} could not be reached (${(e as Error).message}); try again`, retryable: true } };
    }
  };
}
