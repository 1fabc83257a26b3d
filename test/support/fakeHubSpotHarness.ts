import { Client } from '@hubspot/api-client';
import { setupServer } from 'msw/node';
import { HubSpotApi } from '../../src/hubspot/hubspotApi.js';
import { createFakeHubSpot, type FakeHubSpot, type FakeHubSpotOptions } from '../../src/fake-hubspot/fakeHubSpot.js';
import { fakeHubSpotHandlers, HUBSPOT_API } from '../../src/fake-hubspot/msw.js';
import { loadHubSpotContract, type ContractViolation, type HubSpotContract } from './hubspotContract.js';

export const PINNED_NOW = Date.parse('2026-11-25T09:30:00Z');

export interface FakeHubSpotHarness {
  readonly fake: FakeHubSpot;
  readonly contract: HubSpotContract;
  /** HubSpot's own SDK (@hubspot/api-client, numbered v3/v4 paths), pointed at the fake by basePath: what tests of the fake drive it with. */
  client(options?: { numberOfApiCallRetries?: number }): Client;
  /** Handoff's client (date-based paths), pointed at the fake: what the gateway under test uses. */
  api(): HubSpotApi;
  /** Moves the fake portal's clock. */
  advance(ms: number): void;
  /** The fake portal's clock, for handlers' `now`. */
  now(): Date;
  /** Contract violations seen so far in this test (cleared after each test once asserted). */
  violations: ContractViolation[];
}

/**
 * One fake HubSpot per test behind msw (onUnhandledRequest: 'error', handlers added per test
 * with server.use and reset after each). Every exchange is checked against HubSpot's OpenAPI
 * documents; a test that provoked a violation fails in afterEach unless it took them.
 */
export function useFakeHubSpot(options: Omit<FakeHubSpotOptions, 'now' | 'observe'> = { rateLimits: false }): FakeHubSpotHarness {
  const server = setupServer();
  let now = PINNED_NOW;
  let fake: FakeHubSpot | undefined;
  let contract: HubSpotContract | undefined;
  const violations: ContractViolation[] = [];

  beforeAll(async () => {
    contract = await loadHubSpotContract();
    server.listen({ onUnhandledRequest: 'error' });
  });
  beforeEach(() => {
    now = PINNED_NOW;
    violations.length = 0;
    fake = createFakeHubSpot({ ...options, now: () => now, observe: (exchange) => violations.push(...contract!.check(exchange)) });
    server.use(...fakeHubSpotHandlers(fake));
  });
  afterEach(() => {
    server.resetHandlers();
    const seen = violations.splice(0);
    if (seen.length) throw new Error(`HubSpot contract violations:\n${seen.map((v) => `${v.route} ${v.status} ${v.where}: ${v.errors.join('; ')}`).join('\n')}`);
  });
  afterAll(() => server.close());

  return {
    get fake() {
      if (!fake) throw new Error('the fake HubSpot exists inside a test only');
      return fake;
    },
    get contract() {
      return contract!;
    },
    client: ({ numberOfApiCallRetries = 0 } = {}) => new Client({ accessToken: 'pat-test-token', basePath: HUBSPOT_API, numberOfApiCallRetries }),
    api: () => new HubSpotApi({ accessToken: 'pat-test-token', baseUrl: HUBSPOT_API }),
    advance: (ms) => {
      now += ms;
    },
    now: () => new Date(now),
    violations,
  };
}
