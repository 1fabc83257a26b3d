import type { Command } from 'commander';
import { qualify } from '../../domain/qualification/qualify.js';
import type { CriterionResult } from '../../domain/qualification/evaluateGroup.js';
import { DEFAULT_POLICY_FILE } from '../../policy-file/loadPolicyFile.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { readLeadArgument } from '../leadInput.js';
import { CliExit, type CliIO } from '../io.js';
import { parseInstant } from '../parseInstant.js';

const line = (c: CriterionResult) => `${c.within.join(' › ')} › ${c.label}: ${c.why}`;

export function registerQualify(program: Command, io: CliIO): void {
  program
    .command('qualify')
    .description('qualify one lead against the policy and print the stage with every reason')
    .option('--policy <file>', 'policy file', DEFAULT_POLICY_FILE)
    .requiredOption('--lead <json|file>', 'the lead: inline JSON or a JSON file ({contact, company} or a HubSpot record)')
    .option('--now <iso>', 'the instant to qualify at (default: now)')
    .option('--json', 'print the qualification as JSON')
    .action((opts: { policy: string; lead: string; now?: string; json?: boolean }) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const lead = readLeadArgument(opts.lead, io.cwd);
      if (!lead.ok) {
        io.err(lead.error);
        throw new CliExit(1);
      }
      const now = opts.now === undefined ? io.now() : parseInstant('--now', opts.now, io);
      const q = qualify(lead.value, policy, now);
      if (opts.json) {
        io.out(JSON.stringify(q, null, 2));
        return;
      }
      io.out(`stage: ${q.stage.toUpperCase()} (policy ${q.policyVersion})`);
      io.out(q.summary);
      if (q.disqualifiedBy) for (const d of q.disqualifiedBy) io.out(`  ✗ disqualified by ${d.label}: ${d.why}`);
      for (const c of q.met) io.out(`  ✓ ${line(c)}`);
      for (const c of q.unmet) io.out(`  · ${line(c)}`);
    });
}
