import type { Command } from 'commander';
import { approvalsToRenew } from '../../domain/policy/crossReferences.js';
import { issueToString } from '../../domain/policy/policyIssues.js';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../policy-file/loadPolicyFile.js';
import { CliExit, type CliIO } from '../io.js';
import { resolve } from 'node:path';

export function registerValidatePolicy(program: Command, io: CliIO): void {
  program
    .command('validate-policy')
    .description('check a handoff policy file; prints a one-line summary, or every error with its path')
    .argument('[file]', 'policy file (YAML or JSON)', DEFAULT_POLICY_FILE)
    .action((file: string) => {
      const result = loadPolicyFile(resolve(io.cwd, file));
      if (!result.ok) {
        io.err(`${file}: ${result.error.length} error${result.error.length === 1 ? '' : 's'}`);
        for (const issue of result.error) io.err(`  ${issueToString(issue)}`);
        throw new CliExit(1);
      }
      const p = result.value;
      const people = p.people.filter((x) => x.role !== 'marketing').length;
      io.out(
        `${file}: policy "${p.name}" version ${p.version} is valid: ${p.teams.length} teams, ${people} sales people, ` +
          `${p.routing.rules.length} routing rules, ${p.sla.tiers.length} SLA tiers, ${p.rejectionReasons.length} rejection reasons, ` +
          `${p.escalation.steps.length} escalation steps`,
      );
      for (const a of approvalsToRenew(p)) io.out(`  approval to renew: ${a.role} (${a.name}) signed off version ${a.approvedVersion}, not ${p.version}`);
    });
}
