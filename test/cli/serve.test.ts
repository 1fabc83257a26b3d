import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import { createFakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { cli } from '../support/cliHarness.js';

describe('handoff serve', () => {
  it('reads its portal from HubSpot, starts on the port from the environment and stops when asked', async () => {
    const hub = await serveFakeHubSpot(createFakeHubSpot({ rateLimits: false, account: { portalId: 5_550_001, companyCurrency: 'GBP', timeZone: 'Europe/London' } }));
    try {
      const r = await cli(['serve'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HUBSPOT_API_URL: hub.url, HANDOFF_DATA_DIR: 'memory', HANDOFF_EMBEDDED_LEDGER: 'one-instance' } });
      expect(r.code).toBe(0);
      const url = hub.url.replace(/[.]/g, '\\.');
      expect(r.out).toMatch(new RegExp(`^\\{"at":"[^"]+","level":"info","event":"account_index_filled","companies":0,"pages":1\\}\n\\{"at":"[^"]+","level":"info","event":"open_handoffs_adopted","found":0,"adopted":0\\}\n\\{"at":"[^"]+","level":"info","event":"policy_at_start","version":"2026\\.12\\.2","why":"the ledger had no active version: handoff\\.policy\\.yaml \\(version 2026\\.12\\.2\\) is now the active version"\\}\nHandoff server on http://127\\.0\\.0\\.1:\\d+ \\(policy 2026\\.12\\.2\\) for HubSpot portal 5550001 \\(production account\\), GBP, Europe/London; HubSpot at ${url}; ledger on pglite \\(memory\\)\nHandoff server stopped$`));
    } finally {
      await hub.close();
    }
  });

  it('does not start when HubSpot cannot say which portal the token belongs to', async () => {
    const r = await cli(['serve'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HUBSPOT_API_URL: 'http://127.0.0.1:9', HANDOFF_DATA_DIR: 'memory', HANDOFF_EMBEDDED_LEDGER: 'one-instance' } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('Handoff did not start: reading the account details');
    expect(DEMO_ACCOUNT.portalId).toBeGreaterThan(0);
  });

  it('refuses an embedded ledger unless told "one instance", naming HANDOFF_DATABASE_URL; nothing is opened', async () => {
    const r = await cli(['serve'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HANDOFF_DATA_DIR: 'memory' } });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'HANDOFF_DATABASE_URL is not set. Handoff will not start on an embedded ledger (PGlite in memory) by accident: every replica behind a load balancer would route from a ledger of its own, splitting fairness, replays and SLA timers, and PGlite does not fsync. Set HANDOFF_DATABASE_URL to a PostgreSQL database (any number of instances share it), or, for one instance that can afford to lose its last writes in a power cut, HANDOFF_EMBEDDED_LEDGER=one-instance (or --embedded-ledger).',
    );
    expect(r.out).toBe('');
    const yes = await cli(['serve'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HUBSPOT_API_URL: 'http://127.0.0.1:9', HANDOFF_DATA_DIR: 'memory', HANDOFF_EMBEDDED_LEDGER: 'yes' } });
    expect(yes.err).toContain('HANDOFF_DATABASE_URL is not set');
    const flag = await cli(['serve', '--embedded-ledger'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HUBSPOT_API_URL: 'http://127.0.0.1:9', HANDOFF_DATA_DIR: 'memory' } });
    expect(flag.err).toContain('Handoff did not start: reading the account details');
  });

  it.each([
    [{ HUBSPOT_CLIENT_SECRET: 's' }, 'HUBSPOT_ACCESS_TOKEN is not set'],
    [{ HUBSPOT_ACCESS_TOKEN: 'pat-x' }, 'HUBSPOT_CLIENT_SECRET is not set'],
    [{ HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: 'eighty' }, 'PORT: "eighty" is not a port number'],
  ])('refuses to start without what it needs: %j', async (env, message) => {
    const r = await cli(['serve'], { env });
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
  });
});
