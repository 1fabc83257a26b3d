import { Command, CommanderError } from 'commander';
import { registerQualify } from './commands/qualify.js';
import { registerStart } from './commands/start.js';
import { registerSlaDue } from './commands/slaDue.js';
import { registerSimulate } from './commands/simulate.js';
import { registerEvidence } from './commands/evidence.js';
import { registerPreview } from './commands/preview.js';
import { registerValidatePolicy } from './commands/validatePolicy.js';
import { registerFakeHubSpot } from './commands/fakeHubSpot.js';
import { registerSetup } from './commands/setup.js';
import { registerServe } from './commands/serve.js';
import { registerAudit } from './commands/audit.js';
import { registerDb } from './commands/db.js';
import { registerJobs } from './commands/jobs.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerMatch } from './commands/match.js';
import { registerPolicyAgreement } from './commands/policyAgreement.js';
import { CliExit, type CliIO } from './io.js';

export function buildProgram(io: CliIO): Command {
  const program = new Command('handoff')
    .description('Handoff: the marketing-to-sales lead handoff for HubSpot')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  registerValidatePolicy(program, io);
  registerQualify(program, io);
  registerMatch(program, io);
  registerSlaDue(program, io);
  registerSimulate(program, io);
  registerEvidence(program, io);
  registerPreview(program, io);
  registerPolicyAgreement(program, io);
  registerStart(program, io, io.waitForStop ?? (() => Promise.resolve()));
  registerSetup(program, io);
  registerAudit(program, io);
  registerDb(program, io);
  registerJobs(program, io);
  registerReconcile(program, io);
  registerServe(program, io, io.waitForStop ?? (() => Promise.resolve()));
  registerFakeHubSpot(program, io, io.waitForStop ?? (() => Promise.resolve()));
  return program;
}

/** Runs the CLI and returns its exit code; nothing here calls process.exit. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliExit) return e.exitCode;
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
}
