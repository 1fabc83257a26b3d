import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot's window for a v3 signature's timestamp. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** The full URL HubSpot called (the public one, behind any proxy), query included. */
  url: string;
  body: string;
  headers: Readonly<Record<string, string | undefined>>;
}

export type SignatureCheck = { ok: true; version: 'v3' | 'v2' } | { ok: false; why: string };

// HubSpot decodes these before signing a v3 request's URI.
const DECODE: [RegExp, string][] = [
  [/%3A/gi, ':'],
  [/%2F/gi, '/'],
  [/%3F/gi, '?'],
  [/%40/gi, '@'],
  [/%21/gi, '!'],
  [/%24/gi, '$'],
  [/%27/gi, "'"],
  [/%28/gi, '('],
  [/%29/gi, ')'],
  [/%2A/gi, '*'],
  [/%2C/gi, ','],
  [/%3B/gi, ';'],
];
const decodeUri = (uri: string) => DECODE.reduce((u, [re, ch]) => u.replace(re, ch), uri);

/** X-HubSpot-Signature-v3: base64 HMAC-SHA256 of method + URI + body + timestamp, keyed by the app's client secret. */
export function signV3(secret: string, method: string, url: string, body: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${method.toUpperCase()}${decodeUri(url)}${body}${timestamp}`, 'utf8').digest('base64');
}

/** X-HubSpot-Signature v2 (custom workflow actions): hex SHA-256 of secret + method + URI + body. */
export function signV2(secret: string, method: string, url: string, body: string): string {
  return createHash('sha256').update(`${secret}${method.toUpperCase()}${url}${body}`, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time, then fail.
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

const header = (headers: SignedRequest['headers'], name: string) => {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
};

/**
 * Is this request from HubSpot? v3 (with its timestamp inside HubSpot's 5-minute window) is
 * checked whenever present; v2 is accepted only where `allowV2` (custom workflow actions, whose
 * requests HubSpot signs with v2). Comparisons are constant-time.
 */
export function verifyHubSpotSignature(req: SignedRequest, secret: string, now: number, { allowV2 = false } = {}): SignatureCheck {
  const v3 = header(req.headers, 'x-hubspot-signature-v3');
  if (v3) {
    const raw = header(req.headers, 'x-hubspot-request-timestamp');
    const timestamp = Number(raw);
    if (!raw || !Number.isFinite(timestamp)) return { ok: false, why: 'X-HubSpot-Request-Timestamp is missing or not a number' };
    if (Math.abs(now - timestamp) > MAX_SIGNATURE_AGE_MS) return { ok: false, why: `the signature's timestamp is ${Math.round((now - timestamp) / 1000)} s old; HubSpot's window is 300 s` };
    return sameText(v3, signV3(secret, req.method, req.url, req.body, timestamp)) ? { ok: true, version: 'v3' } : { ok: false, why: 'X-HubSpot-Signature-v3 does not match' };
  }
  const v2 = header(req.headers, 'x-hubspot-signature');
  const version = header(req.headers, 'x-hubspot-signature-version');
  if (v2 && allowV2 && version === 'v2') {
    return sameText(v2, signV2(secret, req.method, req.url, req.body)) ? { ok: true, version: 'v2' } : { ok: false, why: 'X-HubSpot-Signature (v2) does not match' };
  }
  return { ok: false, why: allowV2 ? 'no HubSpot signature (X-HubSpot-Signature-v3, or v2 for workflow actions)' : 'no X-HubSpot-Signature-v3 header' };
}

/** The headers HubSpot adds to a request it signs (v3): what the local portal sends as HubSpot would. */
export function hubspotSignedHeaders(secret: string, method: string, url: string, body: string, timestamp: number): Record<string, string> {
  return { 'X-HubSpot-Signature-v3': signV3(secret, method, url, body, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) };
}
