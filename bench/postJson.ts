import { Agent, request } from 'node:http';

/**
 * The burst's sender (HubSpot's workflows) posts with this: node's own HTTP client over kept-alive
 * sockets, one for each request in flight. `fetch` (undici) was 42 % of the process's time between
 * batches, all of it counted as Handoff's; HubSpot sends from its own machines.
 */
export function jsonPoster(inFlight: number): { post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  return {
    post: (url, body, headers) =>
      new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
