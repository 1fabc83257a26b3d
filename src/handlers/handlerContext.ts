import type { HandoffPolicy } from '../domain/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';

/** What every handler gets: the HubSpot port, the signed-off policy and the clock (read once per call). */
export interface HandlerContext {
  crm: CrmGateway;
  policy: HandoffPolicy;
  now: () => Date;
  /** A monotonic clock in ms for how long this call has run (a claim's lease); performance.now() when absent. */
  wallMs?: () => number;
}
