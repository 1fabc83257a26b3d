import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { HandoffPolicy } from '../domain/index.js';
import { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';
import { hubspotClient, type HubSpotConnection } from '../hubspot/hubspotClient.js';
import { createServerApp } from './serverApp.js';

export interface ServerConfig {
  policy: HandoffPolicy;
  hubspot: HubSpotConnection;
  clientSecret: string;
  port: number;
  hostname?: string;
  publicUrl?: string;
  /** The clock handlers read (the local portal's simulated one; the wall clock otherwise). */
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the stateless Handoff server: one api-client, the policy, the handlers. */
export function startServer(config: ServerConfig): Promise<RunningServer> {
  const crm = new HubSpotCrmGateway(hubspotClient(config.hubspot));
  const now = config.now ?? (() => new Date());
  const app = createServerApp({
    context: (budgetMs) => ({ crm: crm.forInvocation(budgetMs), policy: config.policy, now }),
    policy: config.policy,
    clientSecret: config.clientSecret,
    now: () => now().getTime(),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.log ? { log: config.log } : {}),
  });
  const hostname = config.hostname ?? '0.0.0.0';
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
      });
    });
  });
}
