import { Hono } from 'hono';
import { z } from 'zod';
import { addBusinessDays, calendarFor, formatMoney, personByOwnerId, type HandoffPolicy } from '../domain/index.js';
import type { CrmStore } from '../fake-hubspot/crm/crmStore.js';
import type { CrmRecord } from '../fake-hubspot/crm/records.js';
import { routeLead } from '../handlers/routeLead.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { toHandlerError } from '../handlers/handlerError.js';
import { hubspotSignedHeaders } from '../server/signature.js';
import { NewLead, newLeadProblems } from './newLeadForm.js';
import { recordDisplay } from './recordDisplay.js';
import type { SimulatedClock } from './simulatedClock.js';
import type { SlaScheduler, SweepResult } from './slaScheduler.js';

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

const STAGES = ['routed', 'accepted', 'rejected', 'converted', 'recycled'];
const CONVERSIONS = ['Book a demo', 'Contact sales', 'Pricing page enquiry', 'Ebook: B2B lead handoff', 'Webinar: RevOps in Ireland', 'Newsletter sign-up'];
const COUNTRIES = ['Ireland', 'United Kingdom', 'Germany', 'United States'];

const Advance = z.strictObject({ by: z.enum(['hour', 'business-day', 'next-sla-event']) });
const LeadMove = z.strictObject({ stage: z.enum(['attempting', 'connected', 'qualified', 'disqualified']), reason: z.string().min(1).optional(), note: z.string().max(2000).optional() });

/** Contacts per page of the workbench's list. */
const PAGE_SIZE = 50;

const name = (r: CrmRecord) => `${r.properties.get('firstname') ?? ''} ${r.properties.get('lastname') ?? ''}`.trim() || (r.properties.get('email') ?? `Contact ${r.id}`);

/**
 * The workbench: the page, and the API behind it. Reading records here plays HubSpot's own UI
 * (it reads the fake's store, as HubSpot's screens read HubSpot); everything Handoff does goes
 * through the real server and handlers, over the fake's HTTP API.
 */
export function workbenchRoutes(d: WorkbenchDeps): Hono {
  const app = new Hono();
  const ownerName = (id: string | undefined) => (id ? (personByOwnerId(d.policy, id)?.name ?? (d.store.owners.get(id) ? `${d.store.owners.get(id)!.firstName} ${d.store.owners.get(id)!.lastName}` : `Owner ${id}`)) : undefined);
  const fail = (message: string, status: 400 | 404 | 500 = 400) => Response.json({ error: { code: status === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', message } }, { status });
  const issues = (e: z.ZodError) => e.issues.map((i) => (i.message.includes(':') ? i.message : `${i.path.join('.')}: ${i.message}`)).join('; ');

  /** A webhook delivery as HubSpot sends one to the app's target URL: signed v3, for this portal. */
  const sendWebhook = (events: Record<string, unknown>[]) => {
    const url = `${d.serverUrl.replace(/\/+$/, '')}/hubspot/webhooks`;
    const text = JSON.stringify(events.map((e) => ({ portalId: d.store.portal.account.portalId, ...e })));
    return d.server.fetch(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(d.clientSecret, 'POST', url, text, Date.now()) }, body: text }));
  };

  app.get('/', (c) => c.html(d.html));
  app.get('/assets/workbench.css', (c) => c.body(d.css, 200, { 'content-type': 'text/css; charset=utf-8' }));
  app.get('/assets/workbench.js', async (c) => c.body(await d.bundle(), 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  // The home page links to HubSpot's record URL; here that is the workbench's record page.
  app.get('/contacts/record/0-1/:id', (c) => c.redirect(`/#/contact/${c.req.param('id')}`));

  app.get('/workbench/api/state', async (c) => {
    const next = await d.scheduler.nextEventAt();
    return c.json({
      now: d.clock.now().toISOString(),
      ...(next !== undefined ? { nextSlaEventAt: new Date(next).toISOString() } : {}),
      timeZone: d.timeZone,
      policyVersion: d.policy.version,
      people: d.policy.people.map((p) => ({ ownerId: p.ownerId, name: p.name, email: p.email, ...(p.team ? { team: p.team } : {}), ...(p.role ? { role: p.role } : {}) })),
      stages: STAGES,
      conversionEvents: CONVERSIONS,
      countries: COUNTRIES,
    });
  });

  app.get('/workbench/api/truth', (c) => c.json({ handoffs: d.truth() }));

  app.get('/workbench/api/contacts', (c) => {
    const stage = c.req.query('stage');
    const sla = c.req.query('sla');
    const q = c.req.query('q')?.toLowerCase();
    const rows = [];
    for (const r of d.store.all('contacts')) {
      const p = r.properties;
      if (stage === 'none' ? p.has('handoff_stage') : stage && p.get('handoff_stage') !== stage) continue;
      if (sla && p.get('handoff_sla_status') !== sla) continue;
      if (q && ![name(r), p.get('email'), p.get('company')].some((v) => v?.toLowerCase().includes(q))) continue;
      rows.push(r);
    }
    // Sorted as asked (newest first by default), then one page of PAGE_SIZE.
    const sort = c.req.query('sort') ?? 'newest';
    const by: Record<string, (a: CrmRecord, b: CrmRecord) => number> = {
      newest: (a, b) => Number(b.id) - Number(a.id),
      name: (a, b) => name(a).localeCompare(name(b), 'en-IE') || Number(a.id) - Number(b.id),
      'sla-due': (a, b) => (a.properties.get('handoff_sla_due') ?? '9999').localeCompare(b.properties.get('handoff_sla_due') ?? '9999') || Number(a.id) - Number(b.id),
    };
    if (!by[sort]) return fail(`sort: "${sort}" is not one of ${Object.keys(by).join(', ')}`);
    rows.sort(by[sort]);
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    return c.json({
      total: rows.length,
      page,
      pageSize: PAGE_SIZE,
      contacts: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => {
        const p = r.properties;
        const opt = (k: string, v: string | undefined) => (v ? { [k]: v } : {});
        return { id: r.id, name: name(r), email: p.get('email') ?? '', ...opt('company', p.get('company')), ...opt('lifecyclestage', optionLabel(r, 'lifecyclestage')), ...opt('ownerName', ownerName(p.get('hubspot_owner_id'))), ...opt('stage', p.get('handoff_stage')), ...opt('slaStatus', p.get('handoff_sla_status')), ...opt('slaDue', p.get('handoff_sla_due')), ...opt('mqlDate', p.get('handoff_mql_date')) };
      }),
    });
  });

  const optionLabel = (r: CrmRecord, name: string) => {
    const v = r.properties.get(name);
    return v ? (d.store.propertyDefinition(r.objectType, name)?.options.find((o) => o.value === v)?.label ?? v) : undefined;
  };
  const view = (r: CrmRecord) => ({
    id: r.id,
    properties: Object.fromEntries(r.properties),
    display: recordDisplay(d.store, r, (id) => ownerName(id) ?? id, d.timeZone, d.currency),
    ...(ownerName(r.properties.get('hubspot_owner_id')) ? { ownerName: ownerName(r.properties.get('hubspot_owner_id')) } : {}),
    companies: d.store.associations(r.objectType, r.id, 'companies').map((a) => ({ id: a.toId, name: d.store.get('companies', a.toId)?.properties.get('name') ?? a.toId })),
    deals: r.objectType === 'contacts' ? d.store.associations('contacts', r.id, 'deals').map((a) => ({ id: a.toId, name: d.store.get('deals', a.toId)?.properties.get('dealname') ?? a.toId })) : [],
    contacts: r.objectType === 'deals' ? d.store.associations('deals', r.id, 'contacts').map((a) => ({ id: a.toId, name: name(d.store.get('contacts', a.toId)!) })) : [],
    leads: r.objectType === 'contacts' ? leadsOf(r) : [],
  });
  // The contact's Leads as the prospecting workspace shows them: name, stage and owner by their labels.
  const leadsOf = (contact: CrmRecord) =>
    d.store
      .associations('contacts', contact.id, 'leads')
      .map((a) => d.store.get('leads', a.toId))
      .filter((l): l is CrmRecord => l !== undefined && !l.archived)
      .map((l) => {
        const stageId = l.properties.get('hs_pipeline_stage');
        const pipeline = d.store.portal.pipelinesOf('leads').find((p) => p.id === l.properties.get('hs_pipeline'));
        const reason = optionLabel(l, 'hs_lead_disqualification_reason');
        return {
          id: l.id,
          name: l.properties.get('hs_lead_name') ?? `Lead ${l.id}`,
          pipeline: pipeline?.label ?? 'Lead pipeline',
          stage: pipeline?.stages.find((s) => s.id === stageId)?.label ?? stageId ?? 'No stage',
          ...(ownerName(l.properties.get('hubspot_owner_id')) ? { ownerName: ownerName(l.properties.get('hubspot_owner_id')) } : {}),
          ...(reason ? { disqualificationReason: reason } : {}),
        };
      });
  /** HubSpot's disqualification reasons, value and label, for the workspace's "Disqualify" choice. */
  app.get('/workbench/api/lead-disqualification-reasons', (c) => c.json({ reasons: (d.store.propertyDefinition('leads', 'hs_lead_disqualification_reason')?.options ?? []).map((o) => ({ value: o.value, label: o.label })) }));

  // A rep moves a Lead in the prospecting workspace: HubSpot records it as the rep's change and
  // sends the property-change webhook, which Handoff takes as a touch, an accept or a reject.
  app.post('/workbench/api/leads/:id/stage', async (c) => {
    const parsed = LeadMove.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return fail(`${issues(parsed.error)} (stage: attempting, connected, qualified or disqualified)`);
    const lead = d.store.get('leads', c.req.param('id'));
    if (!lead) return fail(`lead ${c.req.param('id')} does not exist`, 404);
    const stageId = d.policy.hubspot.leadPipeline.stages[parsed.data.stage];
    const check = d.store.checkWrite('leads', { hs_pipeline_stage: stageId, ...(parsed.data.reason ? { hs_lead_disqualification_reason: parsed.data.reason } : {}), ...(parsed.data.note ? { hs_lead_disqualification_note: parsed.data.note } : {}) });
    if (!check.ok) return fail(check.errors.map((e) => e.message).join('; '));
    const at = d.clock.nowMs();
    d.store.update(lead, check.values, { sourceType: 'CRM_UI', sourceLabel: 'Prospecting workspace' }, at);
    const event = { eventId: `lead-${lead.id}-${at}`, objectId: lead.id, objectTypeId: '0-136', subscriptionType: 'object.propertyChange', propertyName: 'hs_pipeline_stage', propertyValue: stageId, changeSource: 'CRM_UI', occurredAt: at };
    const res = await sendWebhook([event]);
    if (!res.ok) return fail(`the Handoff server refused the webhook: ${await res.text()}`, 500);
    // The queue's worker takes the event at once; the page shows what it did.
    await d.scheduler.settle();
    d.changed();
    const contactId = d.store.associations('leads', lead.id, 'contacts')[0]?.toId;
    return c.json({ ok: true, ...(contactId ? { contactId } : {}) });
  });
  app.get('/workbench/api/contacts/:id', (c) => {
    const r = d.store.get('contacts', c.req.param('id'));
    return r ? c.json(view(r)) : fail(`contact ${c.req.param('id')} does not exist`, 404);
  });
  app.get('/workbench/api/deals', (c) => c.json({ deals: [...d.store.all('deals')].reverse().map((r) => ({ id: r.id, name: r.properties.get('dealname') ?? r.id, amount: formatMoney(r.properties.get('amount') ?? undefined, d.currency), stage: optionLabel(r, 'dealstage') })) }));
  app.get('/workbench/api/deals/:id', (c) => {
    const r = d.store.get('deals', c.req.param('id'));
    return r ? c.json(view(r)) : fail(`deal ${c.req.param('id')} does not exist`, 404);
  });

  // A rep logs a call: HubSpot moves last-contacted, and its property-change webhook makes Handoff check the SLA.
  app.post('/workbench/api/contacts/:id/activity', async (c) => {
    const r = d.store.get('contacts', c.req.param('id'));
    if (!r) return fail(`contact ${c.req.param('id')} does not exist`, 404);
    d.store.logSalesActivity(r, d.clock.nowMs());
    if (r.properties.get('handoff_stage')) await d.scheduler.touch(r.id);
    d.changed();
    return c.json({ ok: true });
  });

  // A form submission: HubSpot creates the contact (and company), marketing's workflow makes it an MQL and calls "Route lead".
  app.post('/workbench/api/leads', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, string> | undefined;
    const parsed = NewLead.safeParse(body);
    if (!parsed.success) return Response.json({ error: { code: 'INVALID_INPUT', message: Object.values(newLeadProblems(body ?? {})).join('; ') || issues(parsed.error), fields: newLeadProblems(body ?? {}) } }, { status: 400 });
    const lead = parsed.data;
    const at = d.clock.nowMs();
    const domain = lead.email.split('@')[1]!.toLowerCase();
    let company = [...d.store.all('companies')].find((co) => co.properties.get('domain') === domain);
    const write = (type: 'contacts' | 'companies', values: Record<string, string>) => {
      const check = d.store.checkWrite(type, values);
      if (!check.ok) throw new Error(check.errors.map((e) => e.message).join('; '));
      return check.values;
    };
    let values: Map<string, string | null>;
    let companyValues: Map<string, string | null> | undefined;
    try {
      companyValues = company ? undefined : write('companies', { name: lead.company, domain, numberofemployees: lead.numberofemployees, country: lead.country, ...(lead.state ? { state: lead.state } : {}) });
      values = write('contacts', { email: lead.email, firstname: lead.firstname, lastname: lead.lastname, jobtitle: lead.jobtitle, company: lead.company, country: lead.country, ...(lead.state ? { state: lead.state } : {}), hubspotscore: lead.hubspotscore, recent_conversion_event_name: lead.recent_conversion_event_name, recent_conversion_date: new Date(at).toISOString(), first_conversion_event_name: lead.recent_conversion_event_name, hs_analytics_source: 'DIRECT_TRAFFIC', hs_analytics_num_page_views: '3', lifecyclestage: 'lead' });
    } catch (e) {
      return fail((e as Error).message);
    }
    const existing = [...d.store.all('contacts')].find((r) => r.properties.get('email')?.toLowerCase() === lead.email.toLowerCase());
    if (existing || d.store.uniqueConflict('contacts', values)) {
      return Response.json({ error: { code: 'DUPLICATE', message: `Work email: ${lead.email} already belongs to a contact${existing ? ` (${name(existing)})` : ''}`, ...(existing ? { contactId: existing.id, contactName: name(existing) } : {}) } }, { status: 409 });
    }
    if (companyValues) {
      company = d.store.create('companies', companyValues, { sourceType: 'CRM_UI', sourceLabel: 'Form submission' }, at);
      // HubSpot announces the new company to the app's subscription: Handoff's account index learns it.
      await sendWebhook([{ eventId: `company-${company.id}-${at}`, objectId: company.id, subscriptionType: 'company.creation', changeSource: 'CRM_UI', occurredAt: at }]);
    }
    const contact = d.store.create('contacts', values, { sourceType: 'CRM_UI', sourceLabel: 'Form submission' }, at);
    d.store.update(contact, new Map([['associatedcompanyid', company!.id]]), { sourceType: 'CALCULATED' }, at);
    d.store.associate('contacts', contact.id, 'companies', company!.id, 1);
    d.store.update(contact, new Map([['lifecyclestage', 'marketingqualifiedlead']]), { sourceType: 'AUTOMATION_PLATFORM', sourceLabel: 'Lifecycle workflow' }, at);
    try {
      const routed = await routeLead(d.context(), { contactId: contact.id, actor: { kind: 'workflow', id: 'marketing-mql-workflow' } });
      d.changed();
      return c.json({ contactId: contact.id, routed });
    } catch (e) {
      d.changed();
      const err = toHandlerError(e);
      return c.json({ error: { code: err.code, message: `contact ${contact.id} was created, but routing failed: ${err.message}` } }, err.status as 500);
    }
  });

  app.post('/workbench/api/clock/advance', async (c) => {
    const parsed = Advance.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return fail(`by: ${issues(parsed.error)} (hour, business-day or next-sla-event)`);
    const now = d.clock.now();
    if (parsed.data.by === 'hour') d.clock.advance(3_600_000);
    else if (parsed.data.by === 'business-day') {
      const head = d.policy.people.find((p) => p.id === d.policy.routing.fallback.owner) ?? d.policy.people[0]!;
      d.clock.setTo(addBusinessDays(now, 1, calendarFor(head, d.policy)).getTime());
    } else {
      const next = await d.scheduler.nextEventAt();
      if (next === undefined) return fail('no SLA event is due: no open handoff is waiting on a check');
      d.clock.setTo(Math.max(now.getTime(), next) + 1_000);
    }
    const sweep: SweepResult = await d.scheduler.sweep();
    d.changed();
    // Each event names its contact, as people know it.
    const events = sweep.events.map((e) => ({ ...e, name: ((r) => (r ? name(r) : `a deleted contact`))(d.store.get('contacts', e.contactId)) }));
    return c.json({ now: d.clock.now().toISOString(), ...sweep, events });
  });

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

  return app;
}
