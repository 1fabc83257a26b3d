import { cli } from '../support/cliHarness.js';

describe('handoff serve', () => {
  it('starts on the port from the environment and stops when asked', async () => {
    const r = await cli(['serve'], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 's', PORT: '0', HUBSPOT_API_URL: 'http://127.0.0.1:9', HANDOFF_DATA_DIR: 'memory' } });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Handoff server on http:\/\/127\.0\.0\.1:\d+ \(policy 2026\.12\.1\); HubSpot at http:\/\/127\.0\.0\.1:9; ledger on pglite \(memory\)\nHandoff server stopped$/);
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
