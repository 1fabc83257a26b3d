import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { FakeHubSpot } from './fakeHubSpot.js';

export interface RunningFake {
  url: string;
  close(): Promise<void>;
}

/** Serves the fake over real HTTP on loopback (port 0 picks a free one). */
export function serveFakeHubSpot(fake: FakeHubSpot, { port = 0, hostname = '127.0.0.1' } = {}): Promise<RunningFake> {
  return new Promise((resolve) => {
    const server = serve({ fetch: (request) => fake.fetch(request), port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done()))),
      });
    });
  });
}
