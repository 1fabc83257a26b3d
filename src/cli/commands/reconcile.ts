import type { Command } from 'commander';
import { allHandoffIds, ALL_STATES, reconcileContacts } from '../../handlers/reconcile.js';
import { connectPortal } from '../../handlers/connectPortal.js';
import { fillAccountIndex } from '../../handlers/accountIndex.js';
import { HubSpotCrmGateway } from '../../hubspot/hubspotCrmGateway.js';
import { hubspotClient } from '../../hubspot/hubspotClient.js';
import { CliExit, type CliIO } from '../io.js';
import { hubspotConnectionOrExit } from '../hubspotOption.js';
import { openLedgerOrExit } from '../ledgerOption.js';
import { parseInstant } from '../parseInstant.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { policyInForce } from '../../handlers/agreement/livePolicy.js';
import { hubspotUrlOption } from '../sharedOptions.js';

interface Opts {
  policy: string;
  since?: string;
  hubspotUrl?: string;
}

/**
 * `handoff reconcile`: a sweep over the ledger's handoffs (changed since --since, or all), read
 * from HubSpot in batches of 100, putting right what was changed by hand in HubSpot.
 */
export function registerReconcile(program: Command, io: CliIO): void {
  program
    .command('reconcile')
    .description("check the ledger's handoffs against HubSpot (owners changed, contacts deleted or merged, handoff properties edited by hand) and record what changed")
    .option('--policy <file>', 'the handoff policy, used only when the ledger has no active version yet', 'handoff.policy.yaml')
    .option('--since <instant>', 'only handoffs the ledger changed since then (ISO 8601)')
    .addOption(hubspotUrlOption())
    .action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const since = opts.since === undefined ? undefined : parseInstant('--since', opts.since, io);
      const conn = hubspotConnectionOrExit(opts.hubspotUrl, io);
      const ledger = await openLedgerOrExit(io);
      try {
        const crm = new HubSpotCrmGateway(hubspotClient(conn));
        const portal = await connectPortal(crm, ledger);
        // What the servers run: the ledger's active version (the file only before any server ran).
        const ctx = { crm, ledger, policy: await policyInForce(ledger, policy), portal, now: () => io.now() };
        const ids = await allHandoffIds(ctx, ALL_STATES, since);
        const result = await reconcileContacts(ctx, ids);
        io.out(`reconcile: ${result.checked} handoff${result.checked === 1 ? '' : 's'} checked against HubSpot${since ? ` (changed since ${since.toISOString()})` : ''}; ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`);
        for (const f of result.findings) io.out(`  contact ${f.contactId}: ${f.finding.kind}: ${f.did}`);
        // The account index too: a company change whose webhook never came is caught here.
        const index = await fillAccountIndex(ctx);
        io.out(`account index: ${index.companies} compan${index.companies === 1 ? 'y' : 'ies'} read from HubSpot${index.dropped ? `; ${index.dropped} no longer in HubSpot, dropped` : ''}`);
      } catch (e) {
        io.err(`reconcile failed: ${(e as Error).message}`);
        throw new CliExit(1);
      } finally {
        await ledger.close();
      }
    });
}
