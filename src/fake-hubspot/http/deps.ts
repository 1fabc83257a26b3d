import type { CrmStore } from '../crm/crmStore.js';
import type { WriteSource } from '../crm/records.js';
import type { FaultDecision } from './faults.js';

/** What every route works with. */
export interface RouteDeps {
  store: CrmStore;
  /** The source stamped on writes made through the API (a private app: INTEGRATION). */
  apiSource: WriteSource;
}

/** Hono variables set by the fake's middleware for the routes. */
export interface FakeEnv {
  Variables: { route: string; fault: FaultDecision };
}
