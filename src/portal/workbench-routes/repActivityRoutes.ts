import { z } from 'zod';
import type { WorkbenchPart } from './workbenchKit.js';

// What a rep does in HubSpot that Handoff hears about: a Lead moved in the prospecting workspace,
// a call logged on a contact.

const LeadMove = z.strictObject({ stage: z.enum(['attempting', 'connected', 'qualified', 'disqualified']), reason: z.string().min(1).optional(), note: z.string().max(2000).optional() });

export const repActivityRoutes: WorkbenchPart = (app, { d, fail, issues, sendWebhook }) => {
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
  // A rep logs a call: HubSpot moves last-contacted, and its property-change webhook makes Handoff check the SLA.
  app.post('/workbench/api/contacts/:id/activity', async (c) => {
    const r = d.store.get('contacts', c.req.param('id'));
    if (!r) return fail(`contact ${c.req.param('id')} does not exist`, 404);
    d.store.logSalesActivity(r, d.clock.nowMs());
    if (r.properties.get('handoff_stage')) await d.scheduler.touch(r.id);
    d.changed();
    return c.json({ ok: true });
  });

};
