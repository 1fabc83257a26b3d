import type { Command } from 'commander';
import { DEFAULT_SIGNALS } from '../../domain/index.js';
import { getPolicyEvidence } from '../../handlers/policyEvidence.js';
import { evidenceFromExport } from '../../lead-import/exportEvidence.js';
import { DEFAULT_POLICY_FILE } from '../../policy-file/loadPolicyFile.js';
import { evidenceTable } from '../evidenceTable.js';
import { historyExportOrExit, signalsOrExit, sinceAsPeriod } from '../historyOptions.js';
import type { CliIO } from '../io.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { withPortalHistory } from '../portalHistory.js';
import { historyAtOption, hubspotUrlOption, periodOption } from '../sharedOptions.js';

interface Opts { policy: string; leads?: string; since?: string; signal?: string[]; json?: boolean; hubspotUrl?: string; at?: string }

/** `handoff evidence`: which criteria of the MQL definition go with sales accepting a lead, and which signals outside it. */
export function registerEvidence(program: Command, io: CliIO): void {
  program
    .command('evidence')
    .description("which criteria of the MQL definition go with sales accepting the lead and with pipeline: the portal's own handoffs (ledger and HubSpot), or a HubSpot contacts export")
    .option('--policy <file>', 'the policy whose definition is judged', DEFAULT_POLICY_FILE)
    .option('--leads <file>', "a HubSpot contacts export (CSV or JSON) with Handoff's columns (Handoff MQL date, Handoff outcome...): judged by --policy")
    .addOption(periodOption())
    .option('--signal <field>', `a signal outside the definition (repeatable): size-band or a field such as contact.hs_analytics_source (default ${DEFAULT_SIGNALS.join(', ')})`, (v: string, all: string[] = []) => [...all, v])
    .option('--json', 'print the evidence as JSON')
    .addOption(hubspotUrlOption('without --leads'))
    .addOption(historyAtOption('without --leads'))
    .action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const signals = signalsOrExit(opts.signal, io);
      if (opts.leads) {
        const { rows, window } = historyExportOrExit(opts.leads, opts.since, policy, io);
        const e = evidenceFromExport(rows, policy, window, signals);
        if (opts.json) return io.out(JSON.stringify(e, null, 2));
        for (const line of evidenceTable(e, `Evidence for policy ${policy.version} over ${e.handoffs} handed-off leads of ${opts.leads}${opts.since ? ` since ${opts.since}` : ''} (each judged by the policy at its MQL date)`)) io.out(line);
        return;
      }
      await withPortalHistory(opts, policy, io, async (ctx) => {
        const e = await getPolicyEvidence(ctx, { ...(opts.since ? { period: sinceAsPeriod(opts.since) } : {}), signals: signals.map((s) => s.field) });
        if (opts.json) return io.out(JSON.stringify(e, null, 2));
        for (const line of evidenceTable(e, `Evidence for policy ${policy.version}, ${e.period.label}, from portal ${ctx.portal.id}'s handoffs (criteria as recorded at routing)${e.notRecorded ? `; ${e.notRecorded} handoffs taken over from HubSpot have no recorded qualification and are left out` : ''}`)) io.out(line);
      });
    });
}
