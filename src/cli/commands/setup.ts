import type { Command } from 'commander';
import { hubspotClient } from '../../hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../../hubspot/setup.js';
import { describeStep } from '../../hubspot/setupPlan.js';
import { CliExit, type CliIO } from '../io.js';
import { hubspotConnectionOrExit } from '../hubspotOption.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { hubspotUrlOption } from '../sharedOptions.js';

interface Opts { policy: string; dryRun?: boolean; hubspotUrl?: string }

/** `handoff setup`: creates or updates Handoff's property group and properties; idempotent. */
export function registerSetup(program: Command, io: CliIO): void {
  program
    .command('setup')
    .description("create or update Handoff's properties in HubSpot (token from HUBSPOT_ACCESS_TOKEN); safe to re-run")
    .option('--policy <file>', 'the handoff policy (rejection reasons, SLA tiers and escalation steps become options)', 'handoff.policy.yaml')
    .option('--dry-run', 'print the plan and change nothing')
    .addOption(hubspotUrlOption())
    .action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const conn = hubspotConnectionOrExit(opts.hubspotUrl, io);
      const client = hubspotClient(conn);
      try {
        const plan = await planHandoffSetup(client, policy);
        if (plan.length === 0) {
          io.out(`setup: nothing to change (policy ${policy.version}); HubSpot already has every Handoff property`);
          return;
        }
        io.out(`setup plan for policy ${policy.version} (${plan.length} change${plan.length === 1 ? '' : 's'}):`);
        for (const step of plan) io.out(`  ${describeStep(step)}`);
        if (opts.dryRun) {
          io.out('dry run: nothing was changed');
          return;
        }
        await applyHandoffSetup(client, plan, (line) => io.out(`  ${line}`));
        io.out('setup: done');
      } catch (e) {
        io.err(`setup failed: ${(e as Error).message}`);
        throw new CliExit(1);
      }
    });
}
