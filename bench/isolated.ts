/**
 * Runs one benchmark in a Node process of its own and returns its result: a section measured after
 * others would carry their heap (a gigabyte and more after the audit and the evidence runs), its
 * garbage collection would slow it, and its peak RSS would be theirs. `bench/isolatedMain.ts` is
 * the child's side.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type IsolatedBench = 'import' | 'burst';

export async function inOwnProcess<T>(bench: IsolatedBench, options: object): Promise<T> {
  const main = fileURLToPath(new URL('./isolatedMain.ts', import.meta.url));
  // The parent's flags (tsx's loader) run the child's TypeScript too.
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [...process.execArgv, main, bench, JSON.stringify(options)], { maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => (error ? reject(new Error(`the ${bench} benchmark failed in its own process: ${err || error.message}`)) : resolve(out))),
  );
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}
