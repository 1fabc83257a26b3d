import { hubspotSignedHeaders } from '../src/server/signature.js';

export interface Delivery {
  path: string;
  body: unknown;
  /** Appended to the URL (a card's signed user). */
  query?: string;
}

export interface Delivered {
  ok: boolean;
  status: number;
  body: Record<string, unknown>;
  attempts: number;
}

/**
 * Sends a request as HubSpot does: signed v3, and sent again after a 429 or 5xx once Retry-After
 * has passed (compressed `timeScale` times), up to `maxAttempts`. A workflow action's
 * FAIL_CONTINUE is final, as in HubSpot.
 */
export async function deliver(serverUrl: string, secret: string, d: Delivery, { timeScale, maxAttempts = 8 }: { timeScale: number; maxAttempts?: number }): Promise<Delivered> {
  const url = `${serverUrl}${d.path}${d.query ?? ''}`;
  const text = JSON.stringify(d.body);
  for (let attempt = 1; ; attempt++) {
    let status: number;
    let body: Record<string, unknown> = {};
    let retryAfter = 1;
    try {
      const res = await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(secret, 'POST', url, text, Date.now()) } });
      status = res.status;
      body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      retryAfter = Number(res.headers.get('retry-after') ?? 1) || 1;
    } catch {
      status = 0; // connection failure: HubSpot retries those too
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    if (!retryable || attempt >= maxAttempts) {
      const failed = (body.outputFields as Record<string, unknown> | undefined)?.hs_execution_state === 'FAIL_CONTINUE';
      return { ok: status === 200 && !failed, status, body, attempts: attempt };
    }
    await new Promise((resolve) => setTimeout(resolve, (retryAfter * 1000) / timeScale));
  }
}

/** One delivery, or the same one twice (at once, or again after the first answered), as HubSpot sometimes does. */
export async function deliverWithDuplicate(send: () => Promise<Delivered>, duplicate: 'none' | 'concurrent' | 'sequential'): Promise<Delivered & { copies: Delivered[] }> {
  if (duplicate === 'none') {
    const one = await send();
    return { ...one, copies: [one] };
  }
  const copies = duplicate === 'concurrent' ? await Promise.all([send(), send()]) : [await send(), await send()];
  const answered = copies.find((c) => c.ok) ?? copies[0]!;
  return { ...answered, copies };
}
