import { decideOutcome, type OutcomeAction } from '../domain/index.js';
import { propertiesForRecord, recordFromProperties } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES, DEAL_P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { RecordOutcomeInput } from './inputs.js';
import { lifecycleForward } from './lifecycle.js';

export interface RecordOutcomeResult {
  contactId: string;
  stage: string;
  ownerId?: string;
  /** False when the same outcome was already recorded (a repeated click or delivery). */
  changed: boolean;
  transition?: { event: string; from: string; to: string; at: string; reason: string };
  noteId?: string;
}

const TARGET = { accept: 'accepted', reject: 'rejected', recycle: 'recycled', convert: 'converted' } as const;

/**
 * "Record outcome": accept, reject with a reason (and note), recycle, or mark converted. One read,
 * one write; a rejection or a recycle by a person also leaves a note on the contact, and the
 * follow-up task is closed when the lead leaves the rep's hands.
 */
export const recordOutcome = handler(async (ctx: HandlerContext, raw: unknown): Promise<RecordOutcomeResult> => {
  const input = parseInput(RecordOutcomeInput, raw);
  const now = ctx.now();
  const contact = await ctx.crm.readContact(input.contactId, { properties: [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id', 'lifecyclestage'] });
  const record = recordFromProperties(input.contactId, contact.properties);

  if (record.state === TARGET[input.action] && sameOutcome(record, input)) {
    return { contactId: input.contactId, stage: record.state, changed: false, ...(record.ownerId ? { ownerId: record.ownerId } : {}) };
  }
  const action: OutcomeAction =
    input.action === 'reject'
      ? { type: 'reject', reasonCode: input.reasonCode, ...(input.note ? { note: input.note } : {}) }
      : input.action === 'recycle'
        ? { type: 'recycle', ...(input.note ? { note: input.note } : {}) }
        : input.action === 'convert'
          ? { type: 'convert', dealId: input.dealId }
          : { type: 'accept' };
  const decision = decideOutcome(record, action, ctx.policy, now, input.actor);
  const lifecycle = input.action === 'accept' ? lifecycleForward(contact.properties.lifecyclestage, 'salesqualifiedlead') : input.action === 'convert' ? lifecycleForward(contact.properties.lifecyclestage, 'opportunity') : {};
  await ctx.crm.updateContact(input.contactId, propertiesForRecord(record, decision.record, decision.transition, lifecycle));

  let noteId: string | undefined;
  if (input.actor.kind === 'user' && (input.action === 'reject' || input.action === 'recycle')) {
    const label = input.action === 'reject' ? ctx.policy.rejectionReasons.find((r) => r.code === input.reasonCode)?.label : 'Recycled to marketing';
    const body = `Handoff: ${input.action === 'reject' ? 'rejected' : 'recycled'} by owner ${input.actor.id} — ${label}${input.note ? `\n${input.note}` : ''}\nPolicy ${ctx.policy.version}`;
    noteId = await ctx.crm.createNote(input.contactId, body, now);
  }
  if (decision.closeTaskId) await ctx.crm.completeTask(decision.closeTaskId, `Closed by Handoff: the lead was ${decision.record.state}.`);
  if (input.action === 'convert') {
    await ctx.crm.updateDeal(input.dealId, {
      [DEAL_P.sourceContact]: input.contactId,
      ...(record.mqlAt ? { [DEAL_P.mqlDate]: record.mqlAt.toISOString(), [DEAL_P.mqlToDealDays]: String(Math.floor((now.getTime() - record.mqlAt.getTime()) / 86_400_000)) } : {}),
      ...(record.acceptedAt ? { [DEAL_P.sqlDate]: record.acceptedAt.toISOString() } : {}),
      ...(contact.properties.handoff_owner_at_handoff ? { [DEAL_P.originalOwner]: contact.properties.handoff_owner_at_handoff } : {}),
      ...(record.policyVersion ? { [DEAL_P.policyVersion]: record.policyVersion } : {}),
    });
  }
  const t = decision.transition;
  return {
    contactId: input.contactId,
    stage: decision.record.state,
    changed: true,
    ...(decision.record.ownerId ? { ownerId: decision.record.ownerId } : {}),
    transition: { event: t.event, from: t.from, to: t.to, at: t.at, reason: t.reason },
    ...(noteId ? { noteId } : {}),
  };
});

function sameOutcome(record: { rejectionReason?: string; dealId?: string }, input: { action: string; reasonCode?: string; dealId?: string }): boolean {
  if (input.action === 'reject') return record.rejectionReason === input.reasonCode;
  if (input.action === 'convert') return record.dealId === input.dealId;
  return true;
}
