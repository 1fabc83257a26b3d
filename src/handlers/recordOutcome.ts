import { decideOutcome, type HandoffRecord, type OutcomeAction } from '../domain/index.js';
import type { ContactSnapshot } from '../hubspot/crmGateway.js';
import { committedEvent, propertiesForRecord, recordFromProperties, type EventSummary } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES, DEAL_P, P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { RecordOutcomeInput } from './inputs.js';
import { lifecycleForward } from './lifecycle.js';
import { rereadOnMove, withHandoffClaim } from './write/handoffClaim.js';

export interface RecordOutcomeResult {
  contactId: string;
  stage: string;
  ownerId?: string;
  /** False when the same outcome was already recorded (a repeated click or delivery). */
  changed: boolean;
  transition?: { event: string; from: string; to: string; at: string; reason: string };
  noteId?: string;
  /** True when this delivery repeated one already recorded: the result is the recorded one. */
  replayed?: boolean;
}

type Input = ReturnType<typeof RecordOutcomeInput.parse>;

const TARGET = { accept: 'accepted', reject: 'rejected', recycle: 'recycled', convert: 'converted' } as const;
const EVENT = { accept: 'accept', reject: 'reject', recycle: 'recycle', convert: 'convert' } as const;

/**
 * "Record outcome": accept, reject with a reason (and note), recycle, or mark converted. One read,
 * a claim, then one write; a rejection or a recycle by a person also leaves a note, created under
 * the claim. The follow-up task is closed (and the deal stamped) after the commit; a replay of
 * the same action does those again, so a failure after the commit is finished by the retry.
 */
export const recordOutcome = handler(async (ctx: HandlerContext, raw: unknown): Promise<RecordOutcomeResult> => {
  const input = parseInput(RecordOutcomeInput, raw);
  return rereadOnMove(() => recordOnce(ctx, input));
});

async function recordOnce(ctx: HandlerContext, input: Input): Promise<RecordOutcomeResult> {
  const now = ctx.now();
  const contact = await ctx.crm.readContact(input.contactId, { properties: [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id', 'lifecyclestage'], history: [P.lastEvent] });
  const record = recordFromProperties(input.contactId, contact.properties);
  const detail = input.action === 'reject' ? `:${input.reasonCode}` : input.action === 'convert' ? `:${input.dealId}` : '';
  const key = `${input.action}:${input.idempotencyKey ?? `${input.contactId}:v${input.expectedVersion ?? record.version}${detail}`}`;

  const recorded = committedEvent(contact.history[P.lastEvent], key);
  if (recorded) {
    await afterCommit(ctx, input, record, contact, recorded);
    return { ...resultOf(input.contactId, recorded, record), replayed: true };
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== record.version) {
    throw new HandlerError('CONFLICT', `this handoff changed since it was shown (version ${input.expectedVersion}, now ${record.version}: ${record.state}); nothing was saved — reload and look again`, {
      contactId: input.contactId,
      expectedVersion: input.expectedVersion,
      version: record.version,
      stage: record.state,
    });
  }
  if (record.state === TARGET[input.action] && sameOutcome(record, input)) {
    // Already done without this key (a keyless repeat): finish what the recorded write left, change nothing else.
    const last = latestEvent(contact);
    if (last?.event === EVENT[input.action]) await afterCommit(ctx, input, record, contact, last);
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

  return withHandoffClaim(ctx, input.contactId, record.version, key, async (claim) => {
    let noteId = claim.reuse.noteId;
    if (!noteId && input.actor.kind === 'user' && (input.action === 'reject' || input.action === 'recycle')) {
      const label = input.action === 'reject' ? ctx.policy.rejectionReasons.find((r) => r.code === input.reasonCode)?.label : 'Recycled to marketing';
      const body = `Handoff: ${input.action === 'reject' ? 'rejected' : 'recycled'} by owner ${input.actor.id} — ${label}${input.note ? `\n${input.note}` : ''}\nPolicy ${ctx.policy.version}`;
      noteId = await ctx.crm.createNote(input.contactId, body, now);
      claim.created('noteId', noteId);
    }
    const receipt = { key, ...(noteId ? { noteId } : {}), ...(decision.closeTaskId ? { closedTaskId: decision.closeTaskId } : {}) };
    const writes = propertiesForRecord(record, decision.record, decision.transition, lifecycle, receipt);
    await claim.commit(writes);
    const after = recordFromProperties(input.contactId, { ...contact.properties, ...writes });
    const event = JSON.parse(writes[P.lastEvent]!) as EventSummary;
    await afterCommit(ctx, input, after, contact, event);
    return resultOf(input.contactId, event, decision.record);
  });
}

/** The result a committed event stands for. */
function resultOf(contactId: string, event: EventSummary, record: HandoffRecord): RecordOutcomeResult {
  return {
    contactId,
    stage: event.to,
    changed: true,
    ...(record.ownerId ? { ownerId: record.ownerId } : {}),
    transition: { event: event.event, from: event.from, to: event.to, at: event.at, reason: event.reason },
    ...(event.noteId ? { noteId: event.noteId } : {}),
  };
}

/** What follows a committed outcome, all of it safe to repeat: close the follow-up task, stamp the deal. */
async function afterCommit(ctx: HandlerContext, input: Input, record: HandoffRecord, contact: ContactSnapshot, event: EventSummary): Promise<void> {
  if (event.closedTaskId) await ctx.crm.completeTask(event.closedTaskId, `Closed by Handoff: the lead was ${event.to}.`);
  if (input.action === 'convert' && event.event === 'convert') {
    const convertedAt = record.convertedAt ?? new Date(event.at);
    await ctx.crm.updateDeal(input.dealId, {
      [DEAL_P.sourceContact]: input.contactId,
      ...(record.mqlAt ? { [DEAL_P.mqlDate]: record.mqlAt.toISOString(), [DEAL_P.mqlToDealDays]: String(Math.floor((convertedAt.getTime() - record.mqlAt.getTime()) / 86_400_000)) } : {}),
      ...(record.acceptedAt ? { [DEAL_P.sqlDate]: record.acceptedAt.toISOString() } : {}),
      ...(contact.properties[P.ownerAtHandoff] ? { [DEAL_P.originalOwner]: contact.properties[P.ownerAtHandoff] } : {}),
      ...(record.policyVersion ? { [DEAL_P.policyVersion]: record.policyVersion } : {}),
    });
  }
}

function latestEvent(contact: ContactSnapshot): EventSummary | undefined {
  const newest = contact.history[P.lastEvent]?.[0]?.value ?? contact.properties[P.lastEvent];
  if (!newest) return undefined;
  try {
    return JSON.parse(newest) as EventSummary;
  } catch {
    return undefined;
  }
}

function sameOutcome(record: { rejectionReason?: string; dealId?: string }, input: { action: string; reasonCode?: string; dealId?: string }): boolean {
  if (input.action === 'reject') return record.rejectionReason === input.reasonCode;
  if (input.action === 'convert') return record.dealId === input.dealId;
  return true;
}
