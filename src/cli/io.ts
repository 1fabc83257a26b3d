/** Where the CLI writes; tests pass a buffer, the binary passes the process streams. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** The wall clock, read only at the edge and passed into the core. */
  now(): Date;
  cwd: string;
  /** Whether stdout is a terminal (progress bars); false in tests and pipes. */
  isTTY?: boolean;
  /** The environment (tokens, URLs); the binary passes process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Resolves when a long-running command should stop (Ctrl-C in the binary; at once in tests). */
  waitForStop?: () => Promise<void>;
}

export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
