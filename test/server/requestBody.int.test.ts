import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from '../../src/server/requestBody.js';

// The body as Node's server hands it over: declared by its length (as HubSpot sends it) or sent in
// chunks with no length, under and over the limit.
const LIMIT = 1_000;
let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', async (c) => {
    const read = await readRequestBody(c, LIMIT);
    return read.ok ? c.json({ text: read.text }) : c.json({ tooLarge: true }, 413);
  });
  await new Promise<void>((ready) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      port = info.port;
      ready();
    });
  });
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Posts `parts`; with `declared`, a Content-Length header, else chunked transfer encoding. */
function post(parts: string[], declared: boolean): Promise<{ status: number; json: unknown }> {
  const total = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/echo', headers: declared ? { 'content-length': String(total) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    for (const p of parts) req.write(p);
    req.end();
  });
}

describe('reading a request body within the limit', () => {
  it.each([
    ['declared length', true],
    ['chunks', false],
  ])('reads a body sent with %s, Irish text intact', async (_, declared) => {
    const parts = ['{"name":"Siobhán ', 'Ó Briain"}'];
    expect(await post(parts, declared)).toEqual({ status: 200, json: { text: '{"name":"Siobhán Ó Briain"}' } });
  });

  it.each([
    ['declared length', true],
    ['chunks', false],
  ])('refuses a body over the limit sent with %s', async (_, declared) => {
    expect(await post(['x'.repeat(600), 'y'.repeat(600)], declared)).toEqual({ status: 413, json: { tooLarge: true } });
  });

  it('takes a body of exactly the limit', async () => {
    const res = await post(['z'.repeat(LIMIT)], true);
    expect(res.status).toBe(200);
  });
});
