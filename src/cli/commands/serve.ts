import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connectionFromEnv } from '../../hubspot/hubspotClient.js';
import { startServer } from '../../server/startServer.js';
import { portalName } from '../../domain/index.js';
import { HubSpotError } from '../../hubspot/hubspotError.js';
import { LedgerBelongsToAnotherPortal } from '../../ledger/ledger.js';
import { CliExit, type CliIO } from '../io.js';
import { openLedgerOrExit } from '../ledgerOption.js';
import { loadPolicyOrExit } from '../policyOption.js';

/** `handoff serve`: the self-hosted backend for workflow actions, cards (hubspot.fetch) and webhooks. */
export function registerServe(program: Command, io: CliIO, waitForStop: () => Promise<void>): void {
  program
    .command('serve')
    .description('run the Handoff server (env: HUBSPOT_ACCESS_TOKEN, HUBSPOT_CLIENT_SECRET, PORT, HANDOFF_PUBLIC_URL, HUBSPOT_API_URL, HANDOFF_DATABASE_URL (or HANDOFF_EMBEDDED_LEDGER=one-instance with HANDOFF_DATA_DIR), HANDOFF_ADD_PORTAL; HANDOFF_JOB_EXPIRE_SECONDS, HANDOFF_QUEUE_MAINTENANCE_SECONDS, HANDOFF_JOB_RETRY_DELAY_SECONDS)')
    .option('--policy <file>', 'the handoff policy (HANDOFF_POLICY)', io.env?.HANDOFF_POLICY ?? 'handoff.policy.yaml')
    .option('--embedded-ledger', 'run one instance on the embedded ledger (PGlite in HANDOFF_DATA_DIR) instead of PostgreSQL (HANDOFF_EMBEDDED_LEDGER=one-instance)')
    .action(async (opts: { policy: string; embeddedLedger?: boolean }) => {
      const env = io.env ?? {};
      const policy = loadPolicyOrExit(opts.policy, io);
      const policyFile = { source: readFileSync(resolve(io.cwd, opts.policy), 'utf8'), name: opts.policy };
      const hubspot = connectionFromEnv(env);
      const fail = (msg: string): never => {
        io.err(msg);
        throw new CliExit(1);
      };
      if ('error' in hubspot) return fail(hubspot.error);
      const clientSecret = env.HUBSPOT_CLIENT_SECRET ?? fail('HUBSPOT_CLIENT_SECRET is not set: the app\'s client secret, which HubSpot signs its requests with');
      const port = Number(env.PORT ?? '8080');
      if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`PORT: ${JSON.stringify(env.PORT)} is not a port number`);
      // The work queue's timings, for operators who need a dead instance's jobs taken over sooner.
      const seconds = (name: string): number | undefined => {
        const v = env[name];
        if (v === undefined || v === '') return undefined;
        const n = Number(v);
        return Number.isInteger(n) && n >= 1 ? n : fail(`${name}: ${JSON.stringify(v)} is not a whole number of seconds (at least 1)`);
      };
      const queue = Object.fromEntries(
        Object.entries({ expireSeconds: seconds('HANDOFF_JOB_EXPIRE_SECONDS'), maintenanceSeconds: seconds('HANDOFF_QUEUE_MAINTENANCE_SECONDS'), retryDelaySeconds: seconds('HANDOFF_JOB_RETRY_DELAY_SECONDS') }).filter(([, v]) => v !== undefined),
      );
      // Production never runs an embedded ledger by accident: each replica would route from its own.
      if (!env.HANDOFF_DATABASE_URL && !opts.embeddedLedger && env.HANDOFF_EMBEDDED_LEDGER !== 'one-instance') {
        fail(
          `HANDOFF_DATABASE_URL is not set. Handoff will not start on an embedded ledger (PGlite in ${env.HANDOFF_DATA_DIR ?? '.handoff/ledger'}) by accident: every replica behind a load balancer would route from a ledger of its own, splitting fairness, replays and SLA timers, and PGlite does not fsync. ` +
            'Set HANDOFF_DATABASE_URL to a PostgreSQL database (any number of instances share it), or, for one instance that can afford to lose its last writes in a power cut, HANDOFF_EMBEDDED_LEDGER=one-instance (or --embedded-ledger).',
        );
      }
      // The ledger first: a schema that cannot be brought up to date stops the server here, naming why.
      const ledger = await openLedgerOrExit(io);
      let server;
      try {
        server = await startServer({
        policy,
        policyFile,
        hubspot,
        clientSecret,
        ledger,
        port,
        ...(env.HANDOFF_PUBLIC_URL ? { publicUrl: env.HANDOFF_PUBLIC_URL } : {}),
        ...(Object.keys(queue).length ? { queue } : {}),
        ...(env.HANDOFF_ADD_PORTAL ? { addPortal: env.HANDOFF_ADD_PORTAL.trim() } : {}),
        log: (entry) => io.out(JSON.stringify({ at: new Date().toISOString(), ...entry })),
        });
      } catch (e) {
        await ledger.close();
        // The portal, HubSpot or the ledger said no: why, on stderr, and no server.
        if (e instanceof LedgerBelongsToAnotherPortal || e instanceof HubSpotError) return fail(`Handoff did not start: ${e.message}`);
        throw e;
      }
      io.out(`Handoff server on ${server.url} (policy ${server.policy.version}) for ${portalName(server.portal)}, ${server.portal.currency}, ${server.portal.timeZone}; HubSpot at ${hubspot.baseUrl ?? 'https://api.hubapi.com'}; ledger on ${ledger.engine.name} (${ledger.engine.where})`);
      await waitForStop();
      await server.close();
      await ledger.close();
      io.out('Handoff server stopped');
    });
}
