/**
 * Runs `work` every `everyMs` until stopped, one run at a time (a tick while a run is in progress
 * is skipped). The timer never keeps the process alive on its own (Node's timer has `unref`; a
 * browser's has not). `stop` waits for the run in progress. `work` reports its own failures: one
 * that rejects is dropped, and the next tick runs again.
 */
export function repeating(work: () => Promise<unknown>, everyMs: number): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = work()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (running = undefined));
  }, everyMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
