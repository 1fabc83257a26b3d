import { cli } from '../support/cliHarness.js';

describe('handoff fake-hubspot', () => {
  it.each([
    [['--port', '70000'], '--port: "70000" is not a whole number from 0 to 65535'],
    [['--seed', 'abc'], '--seed: "abc" is not a whole number from 0 to 2147483648'],
    [['--rate-limits', 'enterprise'], '--rate-limits: "enterprise" is not starter, professional or off'],
    [['--time-scale', '0'], '--time-scale: "0" is not a positive number'],
  ])('refuses %j naming the option and value', async (args, message) => {
    const r = await cli(['fake-hubspot', ...args]);
    expect(r).toMatchObject({ code: 1, err: message });
  });

  it.each([
    [['--currency', 'euro'], '--currency: "euro" is not an ISO 4217 code such as EUR or GBP'],
    [['--time-zone', 'Dublin'], '--time-zone: "Dublin" is not an IANA time zone such as Europe/Dublin'],
    [['--account-type', 'PRODUCTION'], '--account-type: "PRODUCTION" is not one of STANDARD, SANDBOX, DEVELOPER_TEST, APP_DEVELOPER'],
    [['--portal-id', '12ab'], '--portal-id: "12ab" is not a HubSpot portal id (a whole number)'],
  ])("refuses the portal's identity %j naming the option and value", async (args, message) => {
    const r = await cli(['fake-hubspot', ...args]);
    expect(r).toMatchObject({ code: 2, err: message });
  });

  it('serves a UK portal when asked, and says which', async () => {
    const r = await cli(['fake-hubspot', '--port', '0', '--contacts', '0', '--companies', '1', '--portal-id', '44100200', '--currency', 'GBP', '--time-zone', 'Europe/London', '--account-type', 'SANDBOX']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('  portal 44100200 (SANDBOX, GBP, Europe/London)');
  });

  it('serves a seeded portal on a free port and stops when asked', async () => {
    const r = await cli(['fake-hubspot', '--port', '0', '--contacts', '20', '--companies', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fake HubSpot on http:\/\/127\.0\.0\.1:\d+ \(seed 42: 20 contacts, 5 companies, \d+ deals, 11 owners\)/);
    expect(r.out.split('\n').at(-1)).toBe('fake HubSpot stopped');
  });
});
