import { z } from 'zod';
import { hubspotSignedHeaders } from '../../server/signature.js';
import type { WorkbenchPart } from './workbenchKit.js';

// HubSpot's proxy for the cards' hubspot.fetch: it signs each request (v3) and appends who is
// looking, as HubSpot does, and hands it to the Handoff server.

export const fetchProxyRoutes: WorkbenchPart = (app, { d, fail, issues }) => {
  // hubspot.fetch from a card: HubSpot's proxy signs the request (v3) and appends who is looking.
  app.post('/workbench/hubspot-fetch', async (c) => {
    const body = z.object({ url: z.string(), method: z.string(), body: z.unknown(), viewerEmail: z.string() }).safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return fail(issues(body.error));
    const target = new URL(body.data.url, d.serverUrl);
    const person = d.policy.people.find((p) => p.email === body.data.viewerEmail);
    target.searchParams.set('userId', String(7_000_000 + Number(person?.ownerId ?? 0)));
    target.searchParams.set('userEmail', body.data.viewerEmail);
    target.searchParams.set('portalId', String(d.store.portal.account.portalId));
    const url = `${d.serverUrl.replace(/\/+$/, '')}${target.pathname}${target.search}`;
    const text = body.data.body === null ? '' : JSON.stringify(body.data.body);
    const headers = { 'content-type': 'application/json', ...hubspotSignedHeaders(d.clientSecret, body.data.method, url, text, Date.now()) };
    const res = await d.server.fetch(new Request(url, { method: body.data.method, headers, ...(text ? { body: text } : {}) }));
    const answer = await res.text();
    // A rep's outcome set its handoff's next SLA timer (an accepted lead's recycle instant, a rerouted lead's new SLA) in the same transaction.
    if (res.ok && body.data.method !== 'GET') d.changed();
    return new Response(answer, { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
  });

};
