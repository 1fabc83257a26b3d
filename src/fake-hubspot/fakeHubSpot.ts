import { Hono, type MiddlewareHandler } from 'hono';
import { CrmStore, type Clock } from './crm/crmStore.js';
import type { WriteSource } from './crm/records.js';
import { CallCounter } from './http/callCounter.js';
import type { FakeEnv } from './http/deps.js';
import { FaultInjector } from './http/faults.js';
import { ActionCompletions, actionCallbackRoutes } from './routes/actionCallbacks.js';
import { errorBody, HubSpotHttpError, leadsNotInPortal, unauthenticated } from './http/hubspotErrors.js';
import { HUBSPOT_LIMITS, RateLimiter, type RateLimitConfig } from './http/rateLimits.js';
import { routeKey } from './http/routeKey.js';
import { API_PATHS } from './http/apiPaths.js';
import { associationRoutes } from './routes/associations.js';
import { batchRoutes } from './routes/batch.js';
import { controlRoutes } from './routes/control.js';
import { objectRoutes } from './routes/objects.js';
import { ownerRoutes } from './routes/owners.js';
import { pipelineRoutes } from './routes/pipelines.js';
import { propertyRoutes } from './routes/properties.js';
import { searchRoutes } from './routes/search.js';
import { accountInfoRoutes } from './routes/accountInfo.js';
import type { PortalAccount } from './crm/portalSettings.js';
import { SearchLag } from './crm/searchLag.js';

export interface FakeHubSpotOptions {
  /** The portal's clock: timestamps on records and history (the local portal's simulated time). */
  now?: Clock;
  /** Wall-clock time for rate-limit windows and injected delays (ms, monotonic). */
  realNow?: () => number;
  /** HubSpot's limits to enforce, or false for none. Default: a Professional private app. */
  rateLimits?: RateLimitConfig | false;
  /** Only this bearer token is accepted (any token when unset; a missing one is always a 401). */
  accessToken?: string;
  /** The private app's id, stamped as sourceId on writes made through the API. */
  appId?: string;
  faultSeed?: number;
  /** Sees every exchange (the contract tests validate them against HubSpot's OpenAPI documents). */
  observe?: (exchange: Exchange) => void;
  sleep?: (ms: number) => Promise<void>;
  /** How long (real ms) search trails writes, as HubSpot's does ("a few moments"); 0 (default) shows every write at once. */
  searchLagMs?: number;
  /** Who the portal is (account-info's details); the Irish demo portal's where unset. */
  account?: Partial<PortalAccount>;
}

export interface Exchange {
  method: string;
  url: string;
  route: string;
  requestBody: string;
  status: number;
  responseBody: string;
  contentType: string | null;
}

export interface FakeHubSpot {
  readonly store: CrmStore;
  readonly calls: CallCounter;
  readonly faults: FaultInjector;
  readonly limits: RateLimiter;
  /** Search's lag behind writes: set it to show what HubSpot's eventual consistency does. */
  readonly searchLag: SearchLag;
  /** What each blocked workflow enrolment was completed with (the callbacks API). */
  readonly actionCompletions: ActionCompletions;
  /** Answers one request as HubSpot would (what msw and the HTTP server both call). */
  fetch(request: Request): Promise<Response>;
}

/** A search, at a numbered or a date-based path: HubSpot limits these on their own. */
/** A path naming the Leads object (its records, properties, pipelines or associations). */
const LEADS = /\/(?:leads|lead|0-136)(?:\/|$)/;

const SEARCH = /^POST \/crm\/(?:v3\/objects|objects\/[^/]+)\/[^/]+\/search$/;

/**
 * A stand-in for the slice of HubSpot's API Handoff uses: CRM objects, search, properties,
 * owners, pipelines and associations, with HubSpot's error bodies, rate limits and injectable
 * faults. Like HubSpot, it answers at the numbered paths (v3, v4) and at the date-based ones
 * (/crm/objects/2026-03/…), with the same shapes.
 */
export function createFakeHubSpot(options: FakeHubSpotOptions = {}): FakeHubSpot {
  const store = new CrmStore(options.now ?? (() => Date.now()));
  if (options.account) store.portal.account = { ...store.portal.account, ...options.account };
  const calls = new CallCounter();
  const faults = new FaultInjector(options.faultSeed);
  const realNow = options.realNow ?? (() => performance.now());
  const limits = new RateLimiter(options.rateLimits === undefined ? HUBSPOT_LIMITS.professional : options.rateLimits, realNow);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const apiSource: WriteSource = { sourceType: 'INTEGRATION', sourceId: options.appId ?? 'handoff-private-app', sourceLabel: 'Handoff' };
  const searchLag = new SearchLag(store, options.searchLagMs ?? 0, realNow);
  const deps = { store, apiSource, searchLag };

  const app = new Hono<FakeEnv>();
  app.onError((err, c) => {
    if (err instanceof HubSpotHttpError) return c.json(err.body, err.httpStatus as 400, err.headers);
    return c.json(errorBody('INTERNAL_ERROR', `The fake HubSpot failed: ${err.message}`), 500);
  });
  app.notFound((c) => c.json(errorBody('OBJECT_NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname} in the fake HubSpot.`), 404));

  app.route('/', controlRoutes({ store, calls, faults, limits }));

  // Count and observe every API call, whatever its outcome.
  const api = ['/crm/*', '/account-info/*', '/automation/*'];
  const counted: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const route = routeKey(c.req.method, new URL(c.req.url).pathname);
    c.set('route', route);
    const requestBody = options.observe && c.req.method !== 'GET' && c.req.method !== 'DELETE' ? await c.req.text() : '';
    await next();
    calls.add(route, c.res.status, realNow());
    if (options.observe) {
      const responseBody = c.res.status === 204 ? '' : await c.res.clone().text();
      options.observe({ method: c.req.method, url: c.req.url, route, requestBody, status: c.res.status, responseBody, contentType: c.res.headers.get('content-type') });
    }
  };
  for (const path of api) app.use(path, counted);

  // Then what HubSpot does before a route runs: authentication, rate limits, injected faults.
  const admitted: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const token = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
    if (!token || (options.accessToken && token !== options.accessToken)) throw unauthenticated();
    const headers = limits.admit(SEARCH.test(c.get('route')));
    const fault = faults.decide(c.get('route'));
    c.set('fault', fault);
    if (fault.delayMs) {
      const scale = limits.settings ? limits.settings.timeScale : 1;
      await sleep(fault.delayMs / scale);
    }
    if (fault.error) throw fault.error;
    // Leads exist on Sales Hub Professional and Enterprise only: elsewhere HubSpot refuses every call that names them.
    if (!store.portal.hasLeads && LEADS.test(new URL(c.req.url).pathname)) throw leadsNotInPortal();
    await next();
    if (fault.lateMs) await sleep(fault.lateMs / (limits.settings ? limits.settings.timeScale : 1));
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
  for (const path of api) app.use(path, admitted);

  app.route('/', accountInfoRoutes(deps));
  const actionCompletions = new ActionCompletions();
  app.route('/', actionCallbackRoutes(actionCompletions, realNow));
  for (const paths of API_PATHS) {
    app.route('/', searchRoutes(deps, paths));
    app.route('/', batchRoutes(deps, paths));
    app.route('/', associationRoutes(deps, paths));
    app.route('/', objectRoutes(deps, paths));
    app.route('/', propertyRoutes(deps, paths));
    app.route('/', ownerRoutes(deps, paths));
    app.route('/', pipelineRoutes(deps, paths));
  }

  return { store, calls, faults, limits, searchLag, actionCompletions, fetch: (request) => Promise.resolve(app.fetch(withoutTrailingSlash(request))) };
}

/** HubSpot answers /crm/v3/owners/ as /crm/v3/owners (HubSpot's SDK sends the former). */
function withoutTrailingSlash(request: Request): Request {
  const url = new URL(request.url);
  if (url.pathname.length <= 1 || !url.pathname.endsWith('/')) return request;
  url.pathname = url.pathname.replace(/\/+$/, '');
  return new Request(url, request);
}
