/**
 * HubSpot's side of a benchmark in a process of its own: the fake HubSpot (its records, its limits,
 * its call log) and what HubSpot sends (the webhook deliveries of a list import). In production
 * HubSpot's work is done on HubSpot's machines; run in Handoff's process, the fake's answers to
 * every batch call and the sender's signing would be counted as Handoff's time and memory.
 * `bench/hubspotSideMain.ts` is the child's side; they talk over Node's IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HandoffPolicy } from '../src/domain/index.js';

/** What the import's deliveries came to, as HubSpot saw them. */
export interface ImportDelivered {
  acks: number[];
  /** From the first delivery until HubSpot showed every contact routed (or the deadline). */
  seconds: number;
  /** Contacts not shown routed at the deadline. */
  waiting: number;
  calls: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

export type SideRequest =
  | { kind: 'limits'; timeScale: number }
  | { kind: 'import'; serverUrl: string; secret: string; inFlight: number; now: number };
export type SideMessage = { kind: 'ready'; url: string; ids: string[] } | { kind: 'limits' } | { kind: 'import'; result: ImportDelivered } | { kind: 'failed'; message: string };

export interface HubSpotSide {
  url: string;
  ids: string[];
  /** HubSpot's Professional limits, with time running `timeScale`× faster. */
  limits(timeScale: number): Promise<void>;
  /** Sends the import's deliveries (100 events each, `inFlight` at a time) and waits until HubSpot shows every contact routed. */
  deliverImport(o: { serverUrl: string; secret: string; inFlight: number; now: number }): Promise<ImportDelivered>;
  close(): Promise<void>;
}

export async function startHubSpotSide(policy: HandoffPolicy, contacts: number, now: number): Promise<HubSpotSide> {
  const main = fileURLToPath(new URL('./hubspotSideMain.ts', import.meta.url));
  // The parent's flags (tsx's loader) run the child's TypeScript too.
  const child = fork(main, [JSON.stringify({ policy, contacts, now })], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await answer<Extract<SideMessage, { kind: 'ready' }>>(child, 'ready');
  return {
    url: ready.url,
    ids: ready.ids,
    limits: async (timeScale) => {
      child.send({ kind: 'limits', timeScale } satisfies SideRequest);
      await answer(child, 'limits');
    },
    deliverImport: async (o) => {
      child.send({ kind: 'import', ...o } satisfies SideRequest);
      return (await answer<Extract<SideMessage, { kind: 'import' }>>(child, 'import')).result;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}

/** The child's next message of this kind; its failure (or its exit) rejects. */
function answer<T extends SideMessage>(child: ChildProcess, kind: T['kind']): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: SideMessage) => {
      if (m.kind === 'failed') {
        done();
        reject(new Error(`HubSpot's side of the benchmark failed: ${m.message}`));
      } else if (m.kind === kind) {
        done();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`HubSpot's side of the benchmark exited (code ${code}) before answering "${kind}"`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
