/**
 * The workbench's `hubspot` object, what a card's `hubspot.extend` / `hubspot.fetch` reach in the
 * browser. `extend` registers the card under the extension point the workbench named just before
 * importing it; `fetch` goes through the workbench server, which signs the request as HubSpot's
 * proxy does (X-HubSpot-Signature-v3, with the viewer's userId and userEmail) and passes it to the
 * Handoff server.
 */
import type { ReactNode } from 'react';

export interface ExtensionApi {
  context: {
    crm: { objectId: number; objectTypeId: string };
    user: { id: number; email: string; firstName: string; lastName: string; locale: string };
    portal: { id?: number; timezone: string };
    location: string;
  };
  actions: { refreshObjectProperties: () => void; addAlert: (alert: { title?: string; message: string; type?: string }) => void };
}

type Render = (api: ExtensionApi) => ReactNode;

const registered = new Map<string, Render>();
let point: string | undefined;

/** The name the next `hubspot.extend` call registers under (set by an extension-point module). */
export function extensionPoint(name: string): void {
  point = name;
}

export function extension(name: string): Render {
  const render = registered.get(name);
  if (!render) throw new Error(`no extension registered as ${name}`);
  return render;
}

let viewerEmail = '';
export function setViewer(email: string): void {
  viewerEmail = email;
}

export const hubspot = {
  extend(render: Render): void {
    if (!point) throw new Error('hubspot.extend called outside an extension point');
    registered.set(point, render);
    point = undefined;
  },
  async fetch(url: string, options: { method?: string; body?: unknown; timeout?: number } = {}) {
    const res = await window.fetch('/workbench/hubspot-fetch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, method: options.method ?? 'GET', body: options.body ?? null, viewerEmail }),
    });
    const text = await res.text();
    return { ok: res.ok, status: res.status, json: async () => JSON.parse(text) as unknown, text: async () => text };
  },
  serverless(): Promise<never> {
    return Promise.reject(new Error('the workbench serves the cards through hubspot.fetch (the self-hosted server)'));
  },
};
