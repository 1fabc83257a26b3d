import { Hono } from 'hono';
import { DateTime } from 'luxon';
import type { FakeEnv, RouteDeps } from '../http/deps.js';
import { SERVED_VERSIONS } from '../http/apiPaths.js';

/**
 * Account information (GET /account-info/2026-03/details, and v3's): who the portal is. The
 * offset from UTC is the time zone's at the portal's own clock, as HubSpot computes it.
 */
export function accountInfoRoutes(deps: RouteDeps): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  for (const version of ['v3', ...SERVED_VERSIONS]) {
    app.get(`/account-info/${version}/details`, (c) => {
      const a = deps.store.portal.account;
      const offsetMinutes = DateTime.fromMillis(deps.store.now(), { zone: a.timeZone }).offset;
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      return c.json({
        portalId: a.portalId,
        accountType: a.accountType,
        timeZone: a.timeZone,
        companyCurrency: a.companyCurrency,
        additionalCurrencies: a.additionalCurrencies,
        dataHostingLocation: a.dataHostingLocation,
        uiDomain: a.uiDomain,
        utcOffset: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
        utcOffsetMilliseconds: offsetMinutes * 60_000,
      });
    });
  }
  return app;
}
