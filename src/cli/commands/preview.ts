import type { Command } from 'commander';
import { getPolicyPreview } from '../../handlers/policyPreview.js';
import { previewFromExport } from '../../lead-import/exportEvidence.js';
import { DEFAULT_POLICY_FILE } from '../../policy-file/loadPolicyFile.js';
import type { CliIO } from '../io.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { withPortalHistory } from '../portalHistory.js';
import { previewTable } from '../previewTable.js';
import { historyExportOrExit, sinceAsPeriod } from '../historyOptions.js';
import { historyAtOption, hubspotUrlOption, periodOption } from '../sharedOptions.js';

interface Opts { policy: string; against: string; leads?: string; since?: string; json?: boolean; hubspotUrl?: string; at?: string }

/** `handoff preview`: a proposed version of the policy against the current one, over the same leads. */
export function registerPreview(program: Command, io: CliIO): void {
  program
    .command('preview')
    .description("a proposed policy against the current one over the same leads in arrival order: MQLs, leads newly in and out and what they did, owners, SLA load, the changes in words")
    .requiredOption('--policy <file>', 'the proposed policy')
    .option('--against <file>', 'the current policy', DEFAULT_POLICY_FILE)
    .option('--leads <file>', "a HubSpot contacts export (CSV or JSON), with Handoff's columns for what sales did; without it, the portal's own contacts and handoffs")
    .addOption(periodOption())
    .option('--json', 'print the preview as JSON')
    .addOption(hubspotUrlOption('without --leads'))
    .addOption(historyAtOption('without --leads'))
    .action(async (opts: Opts) => {
      const proposed = loadPolicyOrExit(opts.policy, io);
      const current = loadPolicyOrExit(opts.against, io);
      const title = (p: { leads: number }, where: string) => `Preview: proposed ${proposed.version} ("${proposed.name}") against current ${current.version}, over ${p.leads} leads ${where}`;
      if (opts.leads) {
        const { rows, window } = historyExportOrExit(opts.leads, opts.since, current, io);
        const p = previewFromExport(rows, current, proposed, window);
        if (opts.json) return io.out(JSON.stringify(p, null, 2));
        for (const line of previewTable(p, title(p, `of ${opts.leads}`))) io.out(line);
        return;
      }
      await withPortalHistory(opts, current, io, async (ctx) => {
        const p = await getPolicyPreview({ ...ctx, proposedPolicy: proposed }, opts.since ? { period: sinceAsPeriod(opts.since) } : {});
        if (opts.json) return io.out(JSON.stringify(p, null, 2));
        for (const line of previewTable(p, title(p, `created ${p.period.label} in portal ${ctx.portal.id}`))) io.out(line);
      });
    });
}
