import { runCli } from '../../src/cli/main.js';
import { ROOT } from './policyFixtures.js';

/** Runs the CLI in-process with a pinned clock and captured output. */
export async function cli(args: string[], opts: { now?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date(opts.now ?? '2026-11-25T12:00:00Z'),
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
