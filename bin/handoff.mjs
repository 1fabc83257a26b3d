#!/usr/bin/env node
// The `handoff` command. Runs the TypeScript sources directly through tsx, so
// `npx handoff` works straight after `npm ci` with no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Where this package is installed (an npx cache, a project's node_modules, a clone): its own
// dependencies (chart.js for `audit --html`) resolve from here, never from the caller's directory.
process.env.HANDOFF_PACKAGE_ROOT ||= fileURLToPath(new URL('..', import.meta.url));
register();
const { runCli } = await import('../src/cli/main.ts');
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => new Date(),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  waitForStop: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, resolve))),
});
process.exitCode = code;
