import type { Command } from 'commander';
import type { CliIO } from '../io.js';

/** `npm start`: the local portal (fake HubSpot, server, workbench) lands with issue "Local portal". */
export function registerStart(program: Command, io: CliIO): void {
  program
    .command('start')
    .description('run Handoff locally against a stand-in for HubSpot (the local portal)')
    .action(() => {
      io.out('Handoff local portal: not yet available in this version.');
      io.out('What works today:');
      io.out('  npx handoff validate-policy              check handoff.policy.yaml');
      io.out('  npx handoff qualify --lead examples/lead-mql.json   qualify a lead with reasons');
      io.out('  npx handoff sla-due --from ISO --hours N --region IE --tz Europe/Dublin --open 09:00 --close 17:30');
      io.out('  npx handoff simulate --leads examples/leads-sample.csv   backtest the policy');
      io.out('  npm test                                 type-check, lint and every test');
    });
}
