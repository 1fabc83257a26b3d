import { disqualificationForRejection, leadMirrorOf, OPEN_LEAD_STAGES, type HandoffPolicy, type HandoffRecord } from '../../domain/index.js';
import type { CrmGateway, LeadRecord } from '../../hubspot/crmGateway.js';
import type { Effect } from '../../ledger/ledger.js';

type MirrorLead = Extract<Effect, { kind: 'mirrorLead' }>;

/** The outbox step that moves the handoff's Lead after a change (none when the policy does not mirror Leads, or nothing moves). */
/** A Lead's name, as HubSpot shows it in the workspace: the contact's name, else the email. */
export function leadName(contact: Readonly<Record<string, string | undefined>>, contactId: string): string {
  return [contact.firstname, contact.lastname].filter(Boolean).join(' ') || contact.email || `Contact ${contactId}`;
}

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

/** Runs a mirrorLead step: the contact's newest Lead in the pipeline updated where it differs, or a Lead created. */
export async function mirrorLead(crm: CrmGateway, effect: MirrorLead): Promise<{ name: 'leadId'; id: string } | undefined> {
  const lead = newest((await crm.leadsOfContact(effect.contactId)).filter((l) => l.pipelineId === effect.pipelineId));
  const closed = lead !== undefined && !effect.openStageIds.includes(lead.stageId ?? '');
  if (!lead || (effect.fresh && closed)) {
    // HubSpot needs an owner for a Lead (a seated one, to work it in the workspace): without one there is nothing to create yet.
    if (!effect.ownerId) return undefined;
    // The routing that asked for the Lead knew the contact's name and company; a later step reads them.
    const contact = effect.name ? undefined : await crm.readContact(effect.contactId, { properties: ['firstname', 'lastname', 'email'], associations: ['companies'] });
    const name = effect.name ?? leadName(contact!.properties, effect.contactId);
    const companyId = effect.name ? effect.companyId : contact!.companyIds[0];
    const id = await crm.createLead({ contactId: effect.contactId, ...(companyId ? { companyId } : {}), name, ownerId: effect.ownerId, pipelineId: effect.pipelineId, stageId: effect.stageId ?? effect.openStageIds[0]! });
    return { name: 'leadId', id };
  }
  const properties: Record<string, string> = {};
  if (effect.stageId && lead.stageId !== effect.stageId) properties.hs_pipeline_stage = effect.stageId;
  if (effect.ownerId && lead.ownerId !== effect.ownerId) properties.hubspot_owner_id = effect.ownerId;
  if (effect.disqualificationReason && lead.disqualificationReason !== effect.disqualificationReason) properties.hs_lead_disqualification_reason = effect.disqualificationReason;
  if (Object.keys(properties).length) await crm.updateLead(lead.id, properties);
  return { name: 'leadId', id: lead.id };
}
