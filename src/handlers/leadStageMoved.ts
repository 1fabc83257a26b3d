import { leadStageEvent, leadStageOfId, rejectionForDisqualification, type Actor } from '../domain/index.js';
import { checkSla, type CheckSlaResult } from './checkSla.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { LeadStageMovedInput } from './inputs.js';
import { recordOutcome, type RecordOutcomeResult } from './recordOutcome.js';

export type LeadStageMovedResult =
  | { leadId: string; contactId?: string; handled: 'nothing'; why: string }
  | { leadId: string; contactId: string; handled: 'touch'; sla: CheckSlaResult }
  | { leadId: string; contactId: string; handled: 'accept' | 'reject'; outcome: RecordOutcomeResult };

/**
 * A rep moved a Lead's stage in the prospecting workspace (policy hubspot.leads: mirror). The
 * Lead is read again, since the event may be older than its stage: Attempting or Connected is
 * the rep's first touch (the SLA is met if in time), Qualified is an accept, and Disqualified is
 * a reject with HubSpot's disqualification reason mapped to one of the policy's reasons. The
 * actor is the Lead's owner, so who may act is checked as for a click on the card.
 */
export const leadStageMoved = handler(async (ctx: HandlerContext, raw: unknown): Promise<LeadStageMovedResult> => {
  const input = parseInput(LeadStageMovedInput, raw);
  const nothing = (why: string, contactId?: string): LeadStageMovedResult => ({ leadId: input.leadId, ...(contactId ? { contactId } : {}), handled: 'nothing', why });
  if (ctx.policy.hubspot.leads !== 'mirror') return nothing('the policy does not mirror Leads (hubspot.leads is off)');
  const lead = await ctx.crm.readLead(input.leadId);
  const { pipeline } = ctx.policy.hubspot.leadPipeline;
  if (lead.pipelineId !== pipeline) return nothing(`the lead is in pipeline ${lead.pipelineId ?? '(none)'}, not the policy's ${pipeline}`);
  const contactId = lead.contactIds[0];
  if (!contactId) return nothing('the lead has no contact');
  const stage = lead.stageId ? leadStageOfId(ctx.policy, lead.stageId) : undefined;
  const event = stage ? leadStageEvent(stage) : undefined;
  if (!event) return nothing(`stage ${lead.stageId ?? '(none)'} is not one Handoff acts on`, contactId);
  const actor: Actor = lead.ownerId ? { kind: 'user', id: lead.ownerId } : { kind: 'system', id: 'lead-stage' };
  const key = input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {};
  if (event === 'touch') {
    const sla = await checkSla(ctx, { contactId, actor, ...key, touchedAt: input.occurredAt ?? ctx.now().toISOString() });
    return { leadId: input.leadId, contactId, handled: 'touch', sla };
  }
  if (event === 'accept') return { leadId: input.leadId, contactId, handled: 'accept', outcome: await recordOutcome(ctx, { contactId, actor, action: 'accept', ...key }) };
  const reasonCode = rejectionForDisqualification(ctx.policy, lead.disqualificationReason);
  if (!reasonCode) {
    const mapped = Object.keys(ctx.policy.hubspot.leadPipeline.disqualificationReasons);
    throw new HandlerError(
      'INVALID_INPUT',
      `lead ${input.leadId} was disqualified with hs_lead_disqualification_reason ${JSON.stringify(lead.disqualificationReason ?? '')}, which the policy does not map to a rejection reason (hubspot.leadPipeline.disqualificationReasons maps ${mapped.length ? mapped.join(', ') : 'none'})`,
      { contactId },
    );
  }
  const outcome = await recordOutcome(ctx, { contactId, actor, action: 'reject', reasonCode, ...(lead.disqualificationNote ? { note: lead.disqualificationNote } : {}), ...key });
  return { leadId: input.leadId, contactId, handled: 'reject', outcome };
});
