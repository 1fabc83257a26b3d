import { contactName, disqualificationForRejection, leadMirrorOf, OPEN_LEAD_STAGES, type HandoffPolicy, type HandoffRecord } from '../../domain/index.js';
import type { BatchOutcome, CrmGateway, LeadRecord, NewLead } from '../../hubspot/crmGateway.js';
import type { Effect } from '../../ledger/ledger.js';

type MirrorLead = Extract<Effect, { kind: 'mirrorLead' }>;

/** The outbox step that moves the handoff's Lead after a change (none when the policy does not mirror Leads, or nothing moves). */
/** A Lead's name, as HubSpot shows it in the workspace: the contact's name (the one rule, `contactName`). */
export const leadName = contactName;

/** `known`: the contact's name and company when the caller has read them (routing), so creating the Lead reads nothing more. */
export function leadMirrorEffects(policy: HandoffPolicy, contactId: string, before: HandoffRecord | undefined, after: HandoffRecord, known: { name?: string; companyId?: string } = {}): Effect[] {
  const mirror = leadMirrorOf(policy, before, after);
  if (!mirror) return [];
  const { pipeline, stages } = policy.hubspot.leadPipeline;
  const disqualificationReason = mirror.stage === 'disqualified' ? disqualificationForRejection(policy, after.rejectionReason) : undefined;
  return [
    {
      kind: 'mirrorLead',
      contactId,
      pipelineId: pipeline,
      ...(mirror.stage ? { stageId: stages[mirror.stage] } : {}),
      ...(mirror.ownerId ? { ownerId: mirror.ownerId } : {}),
      ...(mirror.fresh ? { fresh: true } : {}),
      openStageIds: OPEN_LEAD_STAGES.map((s) => stages[s]),
      ...(disqualificationReason ? { disqualificationReason } : {}),
      ...(mirror.fresh && known.name ? { name: known.name } : {}),
      ...(mirror.fresh && known.companyId ? { companyId: known.companyId } : {}),
      output: 'leadId',
    },
  ];
}

const newest = (leads: LeadRecord[]) => [...leads].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || Number(b.id) - Number(a.id))[0];

/** What one mirrorLead step does, given the contact's Leads: create one, write one, or nothing. */
export type LeadStep = { kind: 'create' } | { kind: 'update'; leadId: string; properties: Record<string, string> } | { kind: 'none'; leadId?: string };

/** The contact's newest Lead in the pipeline updated where it differs, or, for a routing (none there, or the last one closed), a new one. */
export function planLeadStep(effect: MirrorLead, leadsOfContact: LeadRecord[]): LeadStep {
  const lead = newest(leadsOfContact.filter((l) => l.pipelineId === effect.pipelineId));
  const closed = lead !== undefined && !effect.openStageIds.includes(lead.stageId ?? '');
  // HubSpot needs an owner for a Lead (a seated one, to work it in the workspace): without one there is nothing to create yet.
  // Only a routing creates a Lead: one deleted by hand is not put back by a later step of the handoff.
  if (!lead || (effect.fresh && closed)) return effect.fresh && effect.ownerId ? { kind: 'create' } : { kind: 'none' };
  const properties: Record<string, string> = {};
  if (effect.stageId && lead.stageId !== effect.stageId) properties.hs_pipeline_stage = effect.stageId;
  if (effect.ownerId && lead.ownerId !== effect.ownerId) properties.hubspot_owner_id = effect.ownerId;
  if (effect.disqualificationReason && lead.disqualificationReason !== effect.disqualificationReason) properties.hs_lead_disqualification_reason = effect.disqualificationReason;
  return Object.keys(properties).length ? { kind: 'update', leadId: lead.id, properties } : { kind: 'none', leadId: lead.id };
}

type Output = { name: 'leadId'; id: string } | undefined;

/**
 * Runs mirrorLead steps together: the contacts' Leads in one batch association read and one
 * batch read, then one batch create and one batch update, so a burst of routings costs HubSpot a
 * few calls for its Leads rather than a few per lead. A Lead is found through the contact's
 * associations each time, so a step run again after a crash never makes a second.
 */
export async function mirrorLeads(crm: CrmGateway, effects: MirrorLead[]): Promise<BatchOutcome<Output>[]> {
  const leads = effects.length === 1 ? { [effects[0]!.contactId]: await crm.leadsOfContact(effects[0]!.contactId) } : await crm.leadsOfContacts(effects.map((e) => e.contactId));
  const steps = effects.map((e) => planLeadStep(e, leads[e.contactId] ?? []));
  const out: BatchOutcome<Output>[] = steps.map((s) => ({ ok: true, value: s.kind === 'none' && s.leadId ? { name: 'leadId', id: s.leadId } : undefined }));

  const creating = effects.map((e, i) => ({ e, i })).filter(({ i }) => steps[i]!.kind === 'create');
  // The routing that asked for the Lead knew the contact's name and company; a later step reads them.
  const unnamed = creating.filter(({ e }) => !e.name).map(({ e }) => e.contactId);
  const contacts = unnamed.length ? new Map((await crm.readContacts(unnamed, { properties: ['firstname', 'lastname', 'email'] })).map((c) => [c.id, c])) : new Map();
  const companies = unnamed.length ? await crm.companyIdsOf(unnamed) : {};
  const news: NewLead[] = creating.map(({ e }) => {
    const name = e.name ?? leadName(contacts.get(e.contactId)?.properties ?? {}, e.contactId);
    const companyId = e.name ? e.companyId : companies[e.contactId]?.[0];
    return { contactId: e.contactId, ...(companyId ? { companyId } : {}), name, ownerId: e.ownerId!, pipelineId: e.pipelineId, stageId: e.stageId ?? e.openStageIds[0]! };
  });
  const created = news.length === 1 ? [await crm.createLead(news[0]!).then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }))] : news.length ? await crm.createLeads(news) : [];
  creating.forEach(({ i }, k) => (out[i] = created[k]!.ok ? { ok: true, value: { name: 'leadId', id: created[k]!.value } } : created[k]!));

  const updating = steps.map((s, i) => ({ s, i })).filter((x): x is { s: Extract<LeadStep, { kind: 'update' }>; i: number } => x.s.kind === 'update');
  const writes = updating.map(({ s }) => ({ leadId: s.leadId, properties: s.properties }));
  const written = writes.length === 1 ? [await crm.updateLead(writes[0]!.leadId, writes[0]!.properties).then(() => ({ ok: true as const, value: undefined }), (error: unknown) => ({ ok: false as const, error }))] : writes.length ? await crm.updateLeads(writes) : [];
  updating.forEach(({ s, i }, k) => (out[i] = written[k]!.ok ? { ok: true, value: { name: 'leadId', id: s.leadId } } : written[k]!));
  return out;
}

/** Runs one mirrorLead step (the outbox's single-item path). */
export async function mirrorLead(crm: CrmGateway, effect: MirrorLead): Promise<Output> {
  const [result] = await mirrorLeads(crm, [effect]);
  if (!result!.ok) throw result!.error;
  return result!.value;
}
