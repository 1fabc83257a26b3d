import type { Portal } from '../domain/index.js';
import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandoffLedger } from '../ledger/ledger.js';

/**
 * Who the token's portal is (account-info's details), and the ledger scoped to it: stamped with it
 * at first use, refused (LedgerBelongsToAnotherPortal, naming both) when the ledger serves other
 * portals, unless `addPortal` names this portal, to keep it beside them. Every host runs it before it serves.
 */
export async function connectPortal(crm: Pick<CrmGateway, 'accountDetails'>, ledger: HandoffLedger, options: { addPortal?: string } = {}): Promise<Portal> {
  const portal = await crm.accountDetails();
  // Only the portal named is added (HANDOFF_ADD_PORTAL=<its id>): a token swapped later is still refused.
  await ledger.claimPortal(portal, { addPortal: options.addPortal === portal.id });
  return portal;
}
