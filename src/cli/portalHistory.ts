import { connectPortal } from '../handlers/connectPortal.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { HandlerError } from '../handlers/handlerError.js';
import { hubspotClient } from '../hubspot/hubspotClient.js';
import { HubSpotCrmGateway } from '../hubspot/hubspotCrmGateway.js';
import type { HandoffPolicy } from '../domain/index.js';
import { hubspotConnectionOrExit } from './hubspotOption.js';
import { CliExit, type CliIO } from './io.js';
import { openLedgerOrExit } from './ledgerOption.js';
import { parseInstant } from './parseInstant.js';

/** What the history commands read without --leads: the portal's own handoffs (the ledger) and contacts (HubSpot). */
export interface PortalHistoryOpts {
  hubspotUrl?: string;
  at?: string;
}

/**
 * Runs `work` with a handler context on the portal the token belongs to and the ledger that serves
 * it; a handler's refusal (a bad period) is printed and exits 2, anything else exits 1.
 */
export async function withPortalHistory<T>(opts: PortalHistoryOpts, policy: HandoffPolicy, io: CliIO, work: (ctx: HandlerContext) => Promise<T>): Promise<T> {
  const at = opts.at ? parseInstant('--at', opts.at, io) : undefined;
  const crm = new HubSpotCrmGateway(hubspotClient(hubspotConnectionOrExit(opts.hubspotUrl, io)));
  const ledger = await openLedgerOrExit(io);
  try {
    const portal = await connectPortal(crm, ledger);
    return await work({ crm, ledger, policy, portal, now: () => at ?? io.now() });
  } catch (e) {
    if (e instanceof CliExit) throw e;
    io.err(e instanceof HandlerError ? e.message : `could not read the portal's history: ${(e as Error).message}`);
    throw new CliExit(e instanceof HandlerError && e.code === 'INVALID_INPUT' ? 2 : 1);
  } finally {
    await ledger.close();
  }
}
