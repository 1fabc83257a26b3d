import { routeLead } from '../../handlers/routeLead.js';
import { toHandlerError } from '../../handlers/handlerError.js';
import { NewLead, newLeadProblems } from '../newLeadForm.js';
import type { WorkbenchPart } from './workbenchKit.js';

// Marketing's side: a form submission creates the contact (and its company), and the lifecycle
// workflow makes it an MQL and calls "Route lead".

export const leadFormRoutes: WorkbenchPart = (app, { d, fail, issues, name, sendWebhook }) => {
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

};
