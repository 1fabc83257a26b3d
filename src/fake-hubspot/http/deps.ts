import type { CrmStore } from '../crm/crmStore.js';
import type { SearchLag } from '../crm/searchLag.js';
import type { WriteSource } from '../crm/records.js';
import type { FaultDecision } from './faults.js';

/** What every route works with. */
export interface RouteDeps {
  store: CrmStore;
  /** The source stamped on writes made through the API (a private app: INTEGRATION). */
  apiSource: WriteSource;
  /** How far search trails writes (HubSpot's is eventually consistent). */
  searchLag?: SearchLag;
}

/** Hono variables set by the fake's middleware for the routes. */
export interface FakeEnv {
  Variables: { route: string; fault: FaultDecision };
}
