import type { HandoffPolicy, ParkedJobView } from '../domain/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandoffLedger } from '../ledger/ledger.js';

/** What every handler gets: the HubSpot port, Handoff's ledger, the signed-off policy and the clock (read once per call). */
export interface HandlerContext {
  crm: CrmGateway;
  ledger: HandoffLedger;
  policy: HandoffPolicy;
  now: () => Date;
  /** The work queue's parked jobs (the health view shows them to managers and admins); absent where no queue runs. */
  jobs?: { parked(limit: number): Promise<ParkedJobView[]> };
}

