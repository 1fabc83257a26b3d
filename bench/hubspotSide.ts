/**
 * HubSpot's side of a benchmark in a process of its own: the fake HubSpot (its records, its limits,
 * its call log) and what HubSpot sends (the webhook deliveries of a list import, the workflow
 * actions of a burst). In production
 * HubSpot's work is done on HubSpot's machines; run in Handoff's process, the fake's answers to
 * every batch call and the sender's signing would be counted as Handoff's time and memory.
 * `bench/hubspotSideMain.ts` is the child's side; they talk over Node's IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HandoffPolicy } from '../src/domain/index.js';
import type { BurstDelivered } from './burstSender.js';

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

/** What HubSpot counted once a burst was done. */
export interface BurstCounted {
  calls: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Leads shown routed to their account's owner. */
  byAccount: number;
  /** HubSpot's side's processor time since `limits` (the fake answering, the workflows sending), in seconds. */
  cpuSeconds: number;
}

/** The portal HubSpot's side seeds: the import's Irish MQLs, or the burst's accounts and varied leads. */
export type SidePortal = { kind: 'import'; contacts: number } | { kind: 'burst'; leads: number; /** The portal's HubSpot id, when not the demo portal's. */ portalId?: number };

export type SideRequest =
  | { kind: 'limits'; timeScale: number; latencyMs?: number }
  | { kind: 'import'; serverUrl: string; secret: string; inFlight: number; now: number }
  | { kind: 'burst'; serverUrl: string; secret: string; inFlight: number }
  | { kind: 'counted' }
  | { kind: 'portal'; portal: SidePortal };
export type SideMessage =
  | { kind: 'ready'; url: string; ids: string[] }
  | { kind: 'limits' }
  | { kind: 'import'; result: ImportDelivered }
  | { kind: 'burst'; result: BurstDelivered }
  | { kind: 'counted'; result: BurstCounted }
  | { kind: 'failed'; message: string };

export interface HubSpotSide {
  /** The current portal's address and its contacts' ids. */
  url: string;
  ids: string[];
  /** Replaces the portal with a freshly seeded one, in the same process (its code already optimised by V8). */
  freshPortal(portal: SidePortal): Promise<void>;
  /** HubSpot's Professional limits, with time running `timeScale`× faster; every call answered `latencyMs` after it arrives (at once if 0); the call log emptied. */
  limits(timeScale: number, latencyMs?: number): Promise<void>;
  /** Sends the import's deliveries (100 events each, `inFlight` at a time) and waits until HubSpot shows every contact routed. */
  deliverImport(o: { serverUrl: string; secret: string; inFlight: number; now: number }): Promise<ImportDelivered>;
  /** Sends the burst's "route lead" actions (`inFlight` at a time) and returns once every one is answered. */
  deliverBurst(o: { serverUrl: string; secret: string; inFlight: number }): Promise<BurstDelivered>;
  /** The calls HubSpot counted since `limits`, the leads it shows routed by account, and its processor time. */
  counted(): Promise<BurstCounted>;
  close(): Promise<void>;
}

export async function startHubSpotSide(policy: HandoffPolicy, portal: SidePortal, now: number): Promise<HubSpotSide> {
  const main = fileURLToPath(new URL('./hubspotSideMain.ts', import.meta.url));
  // The parent's flags (tsx's loader) run the child's TypeScript too.
  const child = fork(main, [JSON.stringify({ policy, portal, now })], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await answer<Extract<SideMessage, { kind: 'ready' }>>(child, 'ready');
  const side: HubSpotSide = {
    url: ready.url,
    ids: ready.ids,
    freshPortal: async (next) => {
      child.send({ kind: 'portal', portal: next } satisfies SideRequest);
      const fresh = await answer<Extract<SideMessage, { kind: 'ready' }>>(child, 'ready');
      side.url = fresh.url;
      side.ids = fresh.ids;
    },
    limits: async (timeScale, latencyMs) => {
      child.send({ kind: 'limits', timeScale, ...(latencyMs ? { latencyMs } : {}) } satisfies SideRequest);
      await answer(child, 'limits');
    },
    deliverImport: async (o) => {
      child.send({ kind: 'import', ...o } satisfies SideRequest);
      return (await answer<Extract<SideMessage, { kind: 'import' }>>(child, 'import')).result;
    },
    deliverBurst: async (o) => {
      child.send({ kind: 'burst', ...o } satisfies SideRequest);
      return (await answer<Extract<SideMessage, { kind: 'burst' }>>(child, 'burst')).result;
    },
    counted: async () => {
      child.send({ kind: 'counted' } satisfies SideRequest);
      return (await answer<Extract<SideMessage, { kind: 'counted' }>>(child, 'counted')).result;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
  return side;
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
