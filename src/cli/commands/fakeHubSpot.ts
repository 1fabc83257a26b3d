import type { Command } from 'commander';
import { createFakeHubSpot } from '../../fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../../fake-hubspot/http/rateLimits.js';
import { seedDemoPortal } from '../../fake-hubspot/seed/seedDemoPortal.js';
import { serveFakeHubSpot } from '../../fake-hubspot/serve.js';
import { CliExit, type CliIO } from '../io.js';
import { portalAccountOrExit, withPortalAccountOptions, type PortalAccountOpts } from '../portalAccountOptions.js';

interface Opts extends PortalAccountOpts { port: string; seed: string; contacts: string; companies: string; rateLimits: string; timeScale: string; token?: string }

/** `handoff fake-hubspot`: the stand-in for HubSpot over HTTP, seeded, until Ctrl-C. */
export function registerFakeHubSpot(program: Command, io: CliIO, waitForStop: () => Promise<void>): void {
  const command = program
    .command('fake-hubspot')
    .description('serve a seeded stand-in for the HubSpot API on loopback (numbered and 2026-03 paths; point HUBSPOT_API_URL at it)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '3001')
    .option('--seed <n>', 'demo data seed: the same seed gives the same portal', '42')
    .option('--contacts <n>', 'demo contacts', '300')
    .option('--companies <n>', 'demo companies', '40')
    .option('--rate-limits <plan>', 'HubSpot limits to enforce: starter, professional or off', 'professional')
    .option('--time-scale <x>', 'run rate-limit windows x times faster', '1')
    .option('--token <token>', 'accept only this bearer token (any token when unset)');
  withPortalAccountOptions(command).action(async (opts: Opts) => {
      const fail = (msg: string): never => {
        io.err(msg);
        throw new CliExit(1);
      };
      const int = (name: string, raw: string, min: number, max: number) => {
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n < min || n > max) fail(`--${name}: ${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
        return n;
      };
      const port = int('port', opts.port, 0, 65_535);
      const seed = int('seed', opts.seed, 0, 2 ** 31);
      const contacts = int('contacts', opts.contacts, 0, 200_000);
      const companies = int('companies', opts.companies, 1, 20_000);
      const timeScale = Number(opts.timeScale);
      if (!(timeScale > 0)) fail(`--time-scale: ${JSON.stringify(opts.timeScale)} is not a positive number`);
      if (!['starter', 'professional', 'off'].includes(opts.rateLimits)) fail(`--rate-limits: ${JSON.stringify(opts.rateLimits)} is not starter, professional or off`);
      const plan = opts.rateLimits as 'starter' | 'professional' | 'off';
      const account = portalAccountOrExit(opts, io);

      const now = io.now().getTime();
      const fake = createFakeHubSpot({ rateLimits: plan === 'off' ? false : { ...HUBSPOT_LIMITS[plan], timeScale }, ...(opts.token ? { accessToken: opts.token } : {}), account });
      const summary = seedDemoPortal(fake.store, { seed, now, contacts, companies });
      const running = await serveFakeHubSpot(fake, { port });
      io.out(`fake HubSpot on ${running.url} (seed ${seed}: ${summary.contacts} contacts, ${summary.companies} companies, ${summary.deals} deals, ${summary.owners} owners)`);
      const a = fake.store.portal.account;
      io.out(`  portal ${a.portalId} (${a.accountType}, ${a.companyCurrency}, ${a.timeZone})`);
      io.out(`  limits: ${plan}${plan === 'off' ? '' : ` at ${timeScale}x`}; control routes under ${running.url}/__fake (calls, faults, rate-limits)`);
      io.out('  Ctrl-C to stop');
      await waitForStop();
      await running.close();
      io.out('fake HubSpot stopped');
    });
}
