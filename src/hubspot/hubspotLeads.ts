import { hubspotPaths as paths } from './apiVersion.js';
import type { BatchOutcome, LeadPipeline, LeadRecord, NewLead } from './crmGateway.js';
import type { HubSpotApi } from './hubspotApi.js';
import { associationTo, chunks, createInBatches, defined, type AssociatedIdsAnswer, type AssociationsAnswer, type BatchAnswer, type PipelineAnswer, type PublicObject } from './hubspotAnswers.js';
import { HubSpotError, toHubSpotError } from './hubspotError.js';

// The Leads object (Sales Hub Professional and Enterprise) and its pipeline, for the gateway:
// each call goes through the gateway's `call` (its budget, retries and deadline).

/** What a Leads call needs from the gateway. */
export interface LeadCalls {
  api: HubSpotApi;
  call<T>(doing: string, fn: () => Promise<T>, options?: { creates?: boolean }): Promise<T>;
}

const LEAD_TO_PRIMARY_CONTACT = 578;
const LEAD_TO_PRIMARY_COMPANY = 610;
export const LEAD_PROPERTIES = ['hs_lead_name', 'hs_pipeline', 'hs_pipeline_stage', 'hubspot_owner_id', 'hs_lead_disqualification_reason', 'hs_lead_disqualification_note', 'createdate'];

const leadProperties = (lead: NewLead): Record<string, string> => ({ hs_lead_name: lead.name, hs_pipeline: lead.pipelineId, hs_pipeline_stage: lead.stageId, hubspot_owner_id: lead.ownerId });
const leadAssociations = (lead: NewLead) => [...associationTo(lead.contactId, LEAD_TO_PRIMARY_CONTACT), ...(lead.companyId ? associationTo(lead.companyId, LEAD_TO_PRIMARY_COMPANY) : [])];

function leadOf(o: PublicObject): LeadRecord {
  const p = defined(o.properties);
  return {
    id: o.id,
    ...(p.hs_pipeline ? { pipelineId: p.hs_pipeline } : {}),
    ...(p.hs_pipeline_stage ? { stageId: p.hs_pipeline_stage } : {}),
    ...(p.hubspot_owner_id ? { ownerId: p.hubspot_owner_id } : {}),
    ...(p.hs_lead_name ? { name: p.hs_lead_name } : {}),
    ...(p.hs_lead_disqualification_reason ? { disqualificationReason: p.hs_lead_disqualification_reason } : {}),
    ...(p.hs_lead_disqualification_note ? { disqualificationNote: p.hs_lead_disqualification_note } : {}),
    ...(p.createdate ? { createdAt: p.createdate } : {}),
  };
}

export async function leadsOfContact(c: LeadCalls, contactId: string): Promise<LeadRecord[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page: AssociatedIdsAnswer = await c.call(`reading the leads of contact ${contactId}`, () =>
      c.api.get<AssociatedIdsAnswer>(`${paths.object('contacts', contactId)}/associations/leads`, { limit: 500, after }),
    );
    ids.push(...page.results.map((r) => String(r.toObjectId)));
    after = page.paging?.next?.after;
  } while (after);
  if (!ids.length) return [];
  const out: LeadRecord[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const res = await c.call(`reading leads ${part.join(', ')}`, () => c.api.post<BatchAnswer>(paths.batch('leads', 'read'), { inputs: part.map((id) => ({ id })), properties: LEAD_PROPERTIES, propertiesWithHistory: [] }));
    out.push(...res.results.map(leadOf));
  }
  return out;
}

export async function leadsOfContacts(c: LeadCalls, contactIds: string[]): Promise<Record<string, LeadRecord[]>> {
  const out: Record<string, LeadRecord[]> = Object.fromEntries(contactIds.map((id) => [id, []]));
  const leadIdsOf = new Map<string, string[]>();
  for (const part of chunks([...new Set(contactIds)])) {
    const res = await c.call(`reading the leads of contacts ${part.join(', ')}`, () => c.api.post<AssociationsAnswer>(paths.associationsBatch('contacts', 'leads', 'read'), { inputs: part.map((id) => ({ id })) }));
    for (const r of res.results) leadIdsOf.set(r.from.id, [...new Set(r.to.map((t) => String(t.toObjectId)))]);
  }
  const byId = new Map<string, LeadRecord>();
  for (const part of chunks([...new Set([...leadIdsOf.values()].flat())])) {
    const res = await c.call(`reading leads ${part.join(', ')}`, () => c.api.post<BatchAnswer>(paths.batch('leads', 'read'), { inputs: part.map((id) => ({ id })), properties: LEAD_PROPERTIES, propertiesWithHistory: [] }));
    for (const o of res.results) byId.set(o.id, leadOf(o));
  }
  for (const [contactId, ids] of leadIdsOf) out[contactId] = ids.map((id) => byId.get(id)).filter((l): l is LeadRecord => l !== undefined);
  return out;
}

/** A Lead as a batch create answers it, matched back to its input by what was written. */
const leadKey = (p: Record<string, string | null | undefined>) => [p.hs_lead_name, p.hubspot_owner_id, p.hs_pipeline, p.hs_pipeline_stage].join('\u0000');

export function createLeads(c: LeadCalls, leads: NewLead[]): Promise<BatchOutcome<string>[]> {
  return createInBatches(leads, {
    propertiesOf: leadProperties,
    keyOf: leadKey,
    one: (l) => createLead(c, l),
    batch: (part) => c.call(`creating ${part.length} leads`, () => c.api.post<BatchAnswer>(paths.batch('leads', 'create'), { inputs: part.map((l) => ({ properties: leadProperties(l), associations: leadAssociations(l) })) }), { creates: true }),
    notCreated: (l) => new HubSpotError('UNAVAILABLE', `creating a lead for contact ${l.contactId}: HubSpot did not create it in the batch`, 503),
  });
}

export async function updateLeads(c: LeadCalls, updates: { leadId: string; properties: Record<string, string> }[]): Promise<BatchOutcome<void>[]> {
  const out: BatchOutcome<void>[] = [];
  for (const part of chunks(updates)) {
    try {
      const res = await c.call(`updating leads ${part.map((u) => u.leadId).join(', ')}`, () => c.api.post<BatchAnswer>(paths.batch('leads', 'update'), { inputs: part.map((u) => ({ id: u.leadId, properties: u.properties })) }));
      const done = new Set(res.results.map((r) => r.id));
      for (const u of part) out.push(done.has(u.leadId) ? { ok: true, value: undefined } : { ok: false, error: new HubSpotError('NOT_FOUND', `updating lead ${u.leadId}: HubSpot did not write it in the batch (deleted?)`, 404) });
    } catch (e) {
      // One refused value fails the whole batch: each write alone, so only the bad one fails.
      if (toHubSpotError(e, 'updating leads').code !== 'INVALID_REQUEST') out.push(...part.map(() => ({ ok: false as const, error: e })));
      else for (const u of part) out.push(await updateLead(c, u.leadId, u.properties).then(() => ({ ok: true as const, value: undefined }), (error: unknown) => ({ ok: false as const, error })));
    }
  }
  return out;
}

export async function readLead(c: LeadCalls, leadId: string): Promise<LeadRecord & { contactIds: string[] }> {
  const o = await c.call(`reading lead ${leadId}`, () => c.api.get<PublicObject>(paths.object('leads', leadId), { properties: LEAD_PROPERTIES, associations: ['contacts'] }));
  return { ...leadOf(o), contactIds: [...new Set((o.associations?.contacts?.results ?? []).map((r) => r.id))] };
}

export async function createLead(c: LeadCalls, lead: NewLead): Promise<string> {
  const created = await c.call(`creating a lead for contact ${lead.contactId}`, () => c.api.post<PublicObject>(paths.objects('leads'), { properties: leadProperties(lead), associations: leadAssociations(lead) }), { creates: true });
  return created.id;
}

export async function updateLead(c: LeadCalls, leadId: string, properties: Record<string, string>): Promise<void> {
  await c.call(`updating lead ${leadId}`, () => c.api.patch(paths.object('leads', leadId), { properties }));
}

export async function leadPipeline(c: LeadCalls, pipelineId: string): Promise<LeadPipeline | undefined> {
  try {
    const p = await c.call(`reading lead pipeline ${pipelineId}`, () => c.api.get<PipelineAnswer>(`${paths.pipelines('leads')}/${encodeURIComponent(pipelineId)}`));
    return { id: p.id, label: p.label, stages: p.stages.map((s) => ({ id: s.id, label: s.label })) };
  } catch (e) {
    const err = toHubSpotError(e, `reading lead pipeline ${pipelineId}`);
    if (err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}
