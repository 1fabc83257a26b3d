import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditSummary } from '../../audit/auditSummary.js';
import { htmlReport } from '../../audit/htmlReport.js';
import { runAudit } from '../../audit/runAudit.js';
import { HubSpotCrmGateway } from '../../hubspot/hubspotCrmGateway.js';
import { hubspotClient } from '../../hubspot/hubspotClient.js';
import { CliExit, type CliIO } from '../io.js';
import { hubspotConnectionOrExit } from '../hubspotOption.js';
import { parseInstant } from '../parseInstant.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { hubspotUrlOption } from '../sharedOptions.js';

interface Opts { period: string; json?: boolean; html?: string; policy: string; hubspotUrl?: string; timeZone: string; at?: string }

/** `handoff audit`: the handoff's health for a period, from any HubSpot portal. */
export function registerAudit(program: Command, io: CliIO): void {
  program
    .command('audit')
    .description("measure the handoff for a period: from Handoff's properties, or inferred from HubSpot's standard ones (token from HUBSPOT_ACCESS_TOKEN)")
    .option('--period <period>', 'last-quarter, this-quarter, YYYY-Qn, last-N-days or YYYY-MM-DD..YYYY-MM-DD', 'last-quarter')
    .option('--json', 'print the result as JSON')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .option('--policy <file>', 'the handoff policy (SLA and team names)', 'handoff.policy.yaml')
    .option('--time-zone <zone>', 'where quarters start', 'Europe/Dublin')
    .addOption(hubspotUrlOption())
    .option('--at <instant>', 'read the SLAs as of this instant (ISO-8601; the local portal prints its simulated time), instead of now')
    .action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const at = opts.at ? parseInstant('--at', opts.at, io) : undefined;
      const now = () => at ?? io.now();
      const conn = hubspotConnectionOrExit(opts.hubspotUrl, io);
      const tty = Boolean(io.isTTY) && !opts.json;
      const bar = tty ? new SingleBar({ format: 'reading contacts {value} fetched', hideCursor: true }, Presets.shades_classic) : undefined;
      bar?.start(0, 0);
      let lastLine = 0;
      const onProgress = (fetched: number) => {
        if (bar) bar.update(fetched);
        else if (!opts.json && fetched - lastLine >= 1000) {
          io.err(`read ${fetched} contacts`);
          lastLine = fetched;
        }
      };
      try {
        const result = await runAudit({ crm: new HubSpotCrmGateway(hubspotClient(conn)), policy, now }, opts.period, onProgress, opts.timeZone);
        bar?.stop();
        if (opts.json) io.out(JSON.stringify(result, null, 2));
        else for (const line of auditSummary(result)) io.out(line);
        if (opts.html) {
          const file = resolve(io.cwd, opts.html);
          writeFileSync(file, htmlReport(result, now()));
          if (!opts.json) io.out(`HTML report: ${file}`);
        }
      } catch (e) {
        bar?.stop();
        io.err(`audit failed: ${(e as Error).message}`);
        throw new CliExit(1);
      }
    });
}
