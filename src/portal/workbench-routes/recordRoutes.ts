import type { CrmRecord } from '../../fake-hubspot/crm/records.js';
import { formatMoney } from '../../domain/index.js';
import { recordDisplay } from '../recordDisplay.js';
import type { WorkbenchPart } from './workbenchKit.js';

// HubSpot's own screens, played by the workbench: the portal's state, the contacts list, a
// contact's or a deal's record page, a contact's Leads. They read the fake's store, as HubSpot's
// screens read HubSpot.

const STAGES = ['routed', 'accepted', 'rejected', 'converted', 'recycled'];
const CONVERSIONS = ['Book a demo', 'Contact sales', 'Pricing page enquiry', 'Ebook: B2B lead handoff', 'Webinar: RevOps in Ireland', 'Newsletter sign-up'];
const COUNTRIES = ['Ireland', 'United Kingdom', 'Germany', 'United States'];

/** Contacts per page of the workbench's list. */
const PAGE_SIZE = 50;

export const recordRoutes: WorkbenchPart = (app, { d, ownerName, name, optionLabel, fail }) => {
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

  app.get('/workbench/api/contacts/:id', (c) => {
    const r = d.store.get('contacts', c.req.param('id'));
    return r ? c.json(view(r)) : fail(`contact ${c.req.param('id')} does not exist`, 404);
  });
  app.get('/workbench/api/deals', (c) => c.json({ deals: [...d.store.all('deals')].reverse().map((r) => ({ id: r.id, name: r.properties.get('dealname') ?? r.id, amount: formatMoney(r.properties.get('amount') ?? undefined, d.currency), stage: optionLabel(r, 'dealstage') })) }));
  app.get('/workbench/api/deals/:id', (c) => {
    const r = d.store.get('deals', c.req.param('id'));
    return r ? c.json(view(r)) : fail(`deal ${c.req.param('id')} does not exist`, 404);
  });

};
