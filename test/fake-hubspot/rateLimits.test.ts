import { HubSpotHttpError } from '../../src/fake-hubspot/http/hubspotErrors.js';
import { RateLimiter } from '../../src/fake-hubspot/http/rateLimits.js';
import { routeKey, routeMatcher } from '../../src/fake-hubspot/http/routeKey.js';

function limiter(timeScale: number) {
  let now = 0;
  const l = new RateLimiter({ tenSecondly: 3, searchPerSecond: 2, daily: 100, timeScale }, () => now);
  const at = (ms: number) => {
    now = ms;
  };
  const attempt = (search = false): string => {
    try {
      l.admit(search);
      return 'ok';
    } catch (e) {
      const err = e as HubSpotHttpError;
      return `${err.httpStatus} ${err.body.policyName} retry-after=${err.headers['Retry-After']}`;
    }
  };
  return { at, attempt };
}

describe('rate limiter: a rolling window, scaled in time', () => {
  it('admits tenSecondly calls per rolling 10 s and says when the oldest leaves the window', () => {
    const { at, attempt } = limiter(1);
    const log: string[] = [];
    for (const t of [0, 1_000, 2_000, 3_000, 9_999, 10_000, 10_500, 11_000]) {
      at(t);
      log.push(`${t}: ${attempt()}`);
    }
    expect(log).toEqual([
      '0: ok',
      '1000: ok',
      '2000: ok',
      '3000: 429 TEN_SECONDLY_ROLLING retry-after=7',
      '9999: 429 TEN_SECONDLY_ROLLING retry-after=1',
      '10000: ok',
      '10500: 429 TEN_SECONDLY_ROLLING retry-after=1',
      '11000: ok',
    ]);
  });

  it('counts search on its own per-second limit', () => {
    const { at, attempt } = limiter(1);
    at(0);
    expect([attempt(true), attempt(true), attempt(true), attempt(false)]).toEqual(['ok', 'ok', '429 SECONDLY retry-after=1', 'ok']);
    at(1_000);
    expect(attempt(true)).toBe('ok');
  });

  it('at timeScale 100 the same pattern runs in a hundredth of the time, with fractional Retry-After', () => {
    const { at, attempt } = limiter(100);
    const log: string[] = [];
    for (const t of [0, 10, 20, 30, 100]) {
      at(t);
      log.push(`${t}: ${attempt()}`);
    }
    expect(log).toEqual(['0: ok', '10: ok', '20: ok', '30: 429 TEN_SECONDLY_ROLLING retry-after=0.070', '100: ok']);
  });

  it('stops at the daily limit', () => {
    const { at, attempt } = limiter(1);
    const results = new Set<string>();
    for (let i = 0; i < 101; i++) {
      at(i * 10_000);
      results.add(attempt());
    }
    expect([...results]).toEqual(['ok', expect.stringMatching(/^429 DAILY/)]);
  });
});

describe('route keys and globs', () => {
  it.each([
    ['GET', '/crm/v3/objects/contacts/1234', 'GET /crm/v3/objects/contacts/{id}'],
    ['put', '/crm/v4/objects/contacts/12/associations/default/companies/34/', 'PUT /crm/v4/objects/contacts/{id}/associations/default/companies/{id}'],
    ['GET', '/crm/v3/properties/contacts/handoff_stage', 'GET /crm/v3/properties/contacts/handoff_stage'],
  ])('%s %s → %s', (method, path, key) => expect(routeKey(method, path)).toBe(key));

  it.each([
    ['POST /crm/v3/objects/*/search', 'POST /crm/v3/objects/contacts/search', true],
    ['POST /crm/v3/objects/*/search', 'POST /crm/v3/objects/contacts/batch/read', false],
    ['POST /crm/v3/objects/**', 'POST /crm/v3/objects/contacts/batch/read', true],
    ['GET /crm/v3/objects/contacts/{id}', 'GET /crm/v3/objects/contacts/{id}', true],
    ['*', 'DELETE /anything', true],
  ])('%s matches %s: %s', (pattern, key, expected) => expect(routeMatcher(pattern)(key)).toBe(expected));
});
