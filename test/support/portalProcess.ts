import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');

export interface PortalProcess {
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Stops it as Ctrl-C would, and resolves once it has exited. */
  stop(): Promise<void>;
}

/** `handoff start` in a child process on a free port, resolved once it prints its URL (within `timeoutMs`: seeding the default demo takes minutes). */
export async function startPortalProcess(args: readonly string[], timeoutMs = 90_000): Promise<PortalProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'start', ...args], { cwd: ROOT, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the portal did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/Handoff local portal: (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`the portal exited (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
}
