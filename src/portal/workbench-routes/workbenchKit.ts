import type { Hono } from 'hono';
import type { z } from 'zod';
import { contactName, personByOwnerId, type HandoffPolicy } from '../../domain/index.js';
import type { CrmStore } from '../../fake-hubspot/crm/crmStore.js';
import type { CrmRecord } from '../../fake-hubspot/crm/records.js';
import type { HandlerContext } from '../../handlers/handlerContext.js';
import { hubspotSignedHeaders } from '../../server/signature.js';
import type { SimulatedClock } from '../simulatedClock.js';
import type { SlaScheduler } from '../slaScheduler.js';

// What every part of the workbench's API shares: its dependencies, and the few ways it names,
// refuses and signs things.

export interface WorkbenchDeps {
  store: CrmStore;
  policy: HandoffPolicy;
  clock: SimulatedClock;
  scheduler: SlaScheduler;
  context: () => HandlerContext;
  /** The Handoff server (workflow actions, card routes), answered in-process. */
  server: { fetch: (request: Request) => Response | Promise<Response> };
  clientSecret: string;
  /** The URL the cards call (what a deploy puts in `permittedUrls.fetch`); signatures cover it. */
  serverUrl: string;
  timeZone: string;
  /** The portal's company currency (HubSpot's record pages show amounts in it). */
  currency: string;
  html: string;
  css: string;
  bundle: () => Promise<string>;
  /** What the demo history did, lead by lead (the ground truth the manager view is checked against). */
  truth: () => unknown[];
  /** After anything the workbench changes (the database flushes itself shortly after). */
  changed: () => void;
}

/** The workbench's shared helpers, built once from its dependencies. */
export interface WorkbenchKit {
  d: WorkbenchDeps;
  /** A person's name for an owner id: the policy's, else HubSpot's owner, else "Owner <id>". */
  ownerName(id: string | undefined): string | undefined;
  /** A contact's name as people read it. */
  name(r: CrmRecord): string;
  /** A property's value by the label HubSpot shows for it. */
  optionLabel(r: CrmRecord, name: string): string | undefined;
  fail(message: string, status?: 400 | 404 | 500): Response;
  issues(e: z.ZodError): string;
  /** A webhook delivery as HubSpot sends one to the app's target URL: signed v3, for this portal. */
  sendWebhook(events: Record<string, unknown>[]): Promise<Response>;
}

/** A part of the workbench's API: it adds its routes to the app. */
export type WorkbenchPart = (app: Hono, kit: WorkbenchKit) => void;

export function workbenchKit(d: WorkbenchDeps): WorkbenchKit {
  const ownerName = (id: string | undefined) => (id ? (personByOwnerId(d.policy, id)?.name ?? (d.store.owners.get(id) ? `${d.store.owners.get(id)!.firstName} ${d.store.owners.get(id)!.lastName}` : `Owner ${id}`)) : undefined);
  return {
    d,
    ownerName,
    name: (r) => contactName({ firstname: r.properties.get('firstname'), lastname: r.properties.get('lastname'), email: r.properties.get('email') }, r.id),
    optionLabel: (r, name) => {
      const v = r.properties.get(name);
      return v ? (d.store.propertyDefinition(r.objectType, name)?.options.find((o) => o.value === v)?.label ?? v) : undefined;
    },
    fail: (message, status = 400) => Response.json({ error: { code: status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', message } }, { status }),
    issues: (e) => e.issues.map((i) => (i.message.includes(':') ? i.message : `${i.path.join('.')}: ${i.message}`)).join('; '),
    sendWebhook: async (events) => {
      const url = `${d.serverUrl.replace(/\/+$/, '')}/hubspot/webhooks`;
      const text = JSON.stringify(events.map((e) => ({ portalId: d.store.portal.account.portalId, ...e })));
      return d.server.fetch(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(d.clientSecret, 'POST', url, text, Date.now()) }, body: text }));
    },
  };
}
