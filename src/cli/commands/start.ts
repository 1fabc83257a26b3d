import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_CONTACTS, DEMO_START, LOCAL_PORTAL_CLIENT_SECRET, LOCAL_PORTAL_TOKEN, startLocalPortal } from '../../portal/localPortal.js';

const MIN_CONTACTS = 20;
const MAX_CONTACTS = 10_000;
import { CliExit, type CliIO } from '../io.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { portalAccountOrExit, withPortalAccountOptions, type PortalAccountOpts } from '../portalAccountOptions.js';

interface Opts extends PortalAccountOpts {
  reset?: boolean;
  policy: string;
  proposed: string;
  data: string;
  seed: string;
  contacts: string;
}

/** `npm start`: the local portal, with no HubSpot account and no network. */
export function registerStart(program: Command, io: CliIO, waitForStop: () => Promise<void>): void {
  const command = program
    .command('start')
    .description('run Handoff locally against a stand-in for HubSpot, with demo data (the local portal); env PORT (3000)')
    .option('--reset', 'throw the stored demo portal away and seed a new one')
    .option('--policy <file>', 'the handoff policy', 'handoff.policy.yaml')
    .option('--proposed <file>', 'a proposed next version, proposed in the portal\'s ledger on start for the approvers (once)', 'examples/proposed.policy.yaml')
    .option('--data <dir>', 'where the portal is stored (git-ignored)', '.handoff/portal')
    .option('--seed <n>', 'demo data seed (the same seed gives the same portal)', '2026')
    .option('--contacts <n>', `how many demo contacts a new portal is seeded with (${MIN_CONTACTS}-${MAX_CONTACTS}); their history is played through Handoff's handlers`, String(DEMO_CONTACTS));
  withPortalAccountOptions(command).action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      // The proposal is checked here as `handoff propose` checks it: a broken file stops the start, naming each issue.
      loadPolicyOrExit(opts.proposed, io);
      const text = (file: string) => ({ source: readFileSync(resolve(io.cwd, file), 'utf8'), name: file });
      const portEnv = io.env?.PORT ?? '3000';
      const port = Number(portEnv);
      if (!/^\d+$/.test(portEnv) || port > 65_535) {
        io.err(`PORT: ${JSON.stringify(portEnv)} is not a port number (0-65535)`);
        throw new CliExit(2);
      }
      if (!/^\d+$/.test(opts.seed)) {
        io.err(`--seed: ${JSON.stringify(opts.seed)} is not a whole number`);
        throw new CliExit(2);
      }
      const contacts = Number(opts.contacts);
      if (!/^\d+$/.test(opts.contacts) || contacts < MIN_CONTACTS || contacts > MAX_CONTACTS) {
        io.err(`--contacts: ${JSON.stringify(opts.contacts)} is not a whole number from ${MIN_CONTACTS} to ${MAX_CONTACTS}`);
        throw new CliExit(2);
      }
      const account = portalAccountOrExit(opts, io);
      const started = Date.now();
      let portal;
      try {
        portal = await startLocalPortal({ root: resolve(import.meta.dirname, '../../..'), policy, policyFile: text(opts.policy), proposed: text(opts.proposed), dataDir: resolve(io.cwd, opts.data), port, reset: Boolean(opts.reset), seed: Number(opts.seed), contacts, account, log: (line) => io.out(line) });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        io.err(err.code === 'EADDRINUSE' ? `port ${port} is in use: set PORT to another one (PORT=3100 npm start)` : `the local portal could not start: ${err.message}`);
        throw new CliExit(1);
      }
      io.out('');
      io.out(`Handoff local portal: ${portal.url}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      io.out(`  contacts, the contact and deal cards, the managers' home page, a new-lead form and a simulated clock`);
      io.out(`  simulated time ${portal.clock.now().toISOString()} (the demo began ${new Date(DEMO_START).toISOString()}); fake HubSpot API at ${portal.hubspotUrl}`);
      io.out(`  audit it (at the simulated time): HUBSPOT_ACCESS_TOKEN=${LOCAL_PORTAL_TOKEN} npx handoff audit --hubspot-url ${portal.hubspotUrl} --at ${portal.clock.now().toISOString()}`);
      io.out(`  propose a change of the policy (its approvers approve it on the policy page): HUBSPOT_CLIENT_SECRET=${LOCAL_PORTAL_CLIENT_SECRET} npx handoff propose FILE --server ${portal.url}`);
      io.out(`  stored in ${opts.data} (npm start -- --reset reseeds). Ctrl-C stops.`);
      await waitForStop();
      io.out('Stopping: saving the portal…');
      await portal.close();
      io.out('Stopped.');
    });
}
