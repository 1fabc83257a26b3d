import type { HandoffPolicy, ParkedJobView, Portal } from '../domain/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandoffLedger } from '../ledger/ledger.js';

/** What every handler gets: the HubSpot port, Handoff's ledger, the signed-off policy and the clock (read once per call). */
export interface HandlerContext {
  crm: CrmGateway;
  ledger: HandoffLedger;
  policy: HandoffPolicy;
  /** The HubSpot portal this server serves (account-info's details, read at start): its currency and time zone. */
  portal: Portal;
  now: () => Date;
  /** The work queue's parked jobs (the health view shows them to managers and admins); absent where no queue runs. */
  jobs?: { parked(limit: number): Promise<ParkedJobView[]> };
  /** A proposed version given directly (`handoff preview --policy FILE`); the policy page previews the ledger's proposals. */
  proposedPolicy?: HandoffPolicy;
  /** When HubSpot's daily limit lets Handoff's calls go again, while it is reached (healthz and the policy page say so). */
  hubspotParkedUntil?: () => Date | undefined;
  /** Tells this host the agreement changed (a version activated, availability set): it reloads the policy at once. */
  policyChanged?: () => Promise<void>;
}

