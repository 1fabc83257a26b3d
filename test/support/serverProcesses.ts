import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import { ROOT } from './policyFixtures.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';

export const PROCESS_SECRET = 'client-secret-for-instances';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What it wrote to stdout so far. */
  output(): string;
  /** Stops it as an operator would (SIGTERM), or as a crash does (SIGKILL). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Writes a policy object as the YAML file `handoff serve --policy` reads. */
export function writePolicyFile(dir: string, policy: Record<string, unknown>): string {
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, stringify(policy));
  return file;
}

/** `handoff serve` in a process of its own, on a free port, against a HubSpot URL and a PostgreSQL database. */
export function startServerProcess(o: { policyFile: string; hubspotUrl: string; databaseUrl: string; env?: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/handoff.mjs'), 'serve', '--policy', o.policyFile], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HUBSPOT_ACCESS_TOKEN: 'pat-instances', HUBSPOT_CLIENT_SECRET: PROCESS_SECRET, PORT: '0', HUBSPOT_API_URL: o.hubspotUrl, HANDOFF_DATABASE_URL: o.databaseUrl, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`handoff serve exited (${code}) before it was ready: ${err || out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/Handoff server on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        resolve({
          url: m[1]!,
          child,
          output: () => out,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    });
  });
}

/** A signed "route lead" workflow action as HubSpot sends it; answers the status and the output fields. */
export function deliverRouteLead(serverUrl: string, contactId: string, callbackId: string): Promise<{ status: number; ownerId?: string }> {
  return deliverAction(serverUrl, 'route-lead', contactId, callbackId);
}

/** A signed custom workflow action as HubSpot sends it; answers the status (0 when the connection failed) and the owner it names. */
export async function deliverAction(serverUrl: string, action: string, contactId: string, callbackId: string, inputFields: Record<string, string> = {}): Promise<{ status: number; ownerId?: string }> {
  const url = `${serverUrl}/hubspot/actions/${action}`;
  const body = JSON.stringify({ callbackId, origin: { portalId: DEMO_ACCOUNT.portalId, actionDefinitionId: 7 }, context: { source: 'WORKFLOWS', workflowId: 555 }, object: { objectId: Number(contactId), objectType: 'CONTACT' }, inputFields });
  try {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(PROCESS_SECRET, 'POST', url, body, Date.now()) } });
    const json = (await res.json()) as { outputFields?: { owner_id?: string } };
    return { status: res.status, ...(json.outputFields?.owner_id ? { ownerId: json.outputFields.owner_id } : {}) };
  } catch {
    return { status: 0 }; // the connection failed (a killed server): HubSpot retries it
  }
}

/** A rep's click on the contact card (hubspot.fetch, signed v3, HubSpot adding who is looking); answers the status (0 when the connection failed). */
export async function deliverCardOutcome(serverUrl: string, email: string, body: Record<string, unknown>): Promise<number> {
  const url = `${serverUrl}/api/cards/outcome?userId=1&userEmail=${encodeURIComponent(email)}&portalId=${DEMO_ACCOUNT.portalId}`;
  const text = JSON.stringify(body);
  try {
    return (await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(PROCESS_SECRET, 'POST', url, text, Date.now()) } })).status;
  } catch {
    return 0;
  }
}

/** A signed webhook delivery as HubSpot sends it; answers the status (0 when the connection failed). */
export async function deliverWebhook(serverUrl: string, events: unknown[]): Promise<number> {
  const url = `${serverUrl}/hubspot/webhooks`;
  const body = JSON.stringify(events);
  try {
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(PROCESS_SECRET, 'POST', url, body, Date.now()) } });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

/** Runs `work` over `items` with at most `inFlight` at a time, in order of start. */
export async function inFlight<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
