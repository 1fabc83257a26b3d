import { OWNED_STATES, ownerNameOf } from '../domain/index.js';
import { propertiesForRecord } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import { toHubSpotError } from '../hubspot/hubspotError.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { deliveryKey, LeadChangedInput } from './inputs.js';
import { takeOwnerFromHubSpot } from './reconcile.js';
import { writeHandoff } from './write/handoffWrite.js';

export type LeadChangedResult = { leadId: string; contactId?: string; handled: 'nothing' | 'owner' | 'deleted'; why: string };

/**
 * A Lead's owner changed by hand in the prospecting workspace: read back (the Lead is read again,
 * as the event may be older than it), it becomes the handoff's owner, as an owner changed on the
 * contact does, and the contact's owner follows. Handoff's own writes (the Lead already has the
 * handoff's owner) change nothing.
 */
export const leadOwnerChanged = handler(async (ctx: HandlerContext, raw: unknown): Promise<LeadChangedResult> => {
  const input = parseInput(LeadChangedInput, raw);
  const nothing = (why: string, contactId?: string): LeadChangedResult => ({ leadId: input.leadId, ...(contactId ? { contactId } : {}), handled: 'nothing', why });
  if (ctx.policy.hubspot.leads !== 'mirror') return nothing('the policy does not mirror Leads (hubspot.leads is off)');
  const lead = await ctx.crm.readLead(input.leadId);
  if (lead.pipelineId !== ctx.policy.hubspot.leadPipeline.pipeline) return nothing(`the lead is in pipeline ${lead.pipelineId ?? '(none)'}, not the policy's`);
  const contactId = lead.contactIds[0];
  if (!contactId) return nothing('the lead has no contact');
  const record = await ctx.ledger.handoff(contactId);
  if (!record || !OWNED_STATES.includes(record.state)) return nothing('the contact has no handoff being worked', contactId);
  if (!lead.ownerId || lead.ownerId === record.ownerId) return nothing('the Lead has the handoff\'s owner', contactId);
  const did = await takeOwnerFromHubSpot(ctx, record, { ...(record.ownerId ? { from: record.ownerId } : {}), to: lead.ownerId }, {}, 'lead');
  return { leadId: input.leadId, contactId, handled: 'owner', why: did };
});

/**
 * A Lead deleted by hand: noted on its handoff's timeline. It is not put back: only the next
 * routing of the contact creates a Lead again (later steps of this handoff update a Lead when
 * there is one, and never create one).
 */
export const leadDeleted = handler(async (ctx: HandlerContext, raw: unknown): Promise<LeadChangedResult> => {
  const input = parseInput(LeadChangedInput, raw);
  const contactId = await ctx.ledger.contactOfLead(input.leadId);
  if (!contactId) return { leadId: input.leadId, handled: 'nothing', why: 'no handoff of this ledger mirrored that Lead' };
  // Still there (the event is older than a restore): nothing to note.
  const still = await ctx.crm.readLead(input.leadId).then(
    () => true,
    (e: unknown) => (toHubSpotError(e, 'reading the lead').code === 'NOT_FOUND' ? false : Promise.reject(e)),
  );
  if (still) return { leadId: input.leadId, contactId, handled: 'nothing', why: 'the Lead is in HubSpot' };
  const now = ctx.now();
  const reason = `The Lead was deleted in HubSpot. It is not put back: the next routing of this contact creates a new one.`;
  const record = await ctx.ledger.handoff(contactId);
  if (!record) return { leadId: input.leadId, contactId, handled: 'nothing', why: 'the contact has no handoff' };
  await writeHandoff(ctx, {
    contactId,
    properties: {},
    // Noted once for each Lead deleted.
    key: () => deliveryKey('lead-deleted', { contactId, idempotencyKey: input.idempotencyKey }, 'once', input.leadId),
    decide: async (_tx, current) => {
      const next = { ...current, version: current.version + 1 };
      const event = { event: 'lead-deleted', from: current.state, to: current.state, at: now.toISOString(), actor: 'hubspot:lead-deletion', reason, policyVersion: ctx.policy.version, ...(current.ownerId ? { ownerId: current.ownerId } : {}) };
      return {
        result: { leadDeleted: input.leadId },
        change: { record: next, events: [event], effects: [{ kind: 'updateContact', contactId, properties: { ...propertiesForRecord(current, next), [P.lastEvent]: JSON.stringify(event) } }] },
      };
    },
  });
  return { leadId: input.leadId, contactId, handled: 'deleted', why: `noted on ${ownerNameOf(ctx.policy, record.ownerId)}'s handoff` };
});
