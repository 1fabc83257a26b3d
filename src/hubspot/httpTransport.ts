import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One HTTP exchange as the HubSpot client needs it: the status, the headers (lower-case names) and the body's text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export type HttpSend = (url: URL, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<HttpAnswer>;

// Kept-alive sockets, shared by every client in the process: a burst's calls reuse a handful of
// connections to HubSpot instead of opening one a call.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * Sends a request with Node's own HTTP client. `fetch` (undici) did the same work at about 2.7
 * times the processor time a call (0.85 ms against 0.31 ms for a 50-contact batch read, both ends
 * counted, measured in one process), and Handoff makes every HubSpot call through here.
 */
export const sendOverNodeHttp: HttpSend = (url, { method, headers, body }) =>
  new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return reject(new Error(`cannot reach ${url.origin}: only http and https are spoken`));
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { method, agent: agents[url.protocol as 'http:' | 'https:'], headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
