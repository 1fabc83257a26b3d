import { daysFromMqlToDeal, decideOutcome, lifecycleForward, nextSlaCheckAt, outcomeNeedsRouting, ownerNameOf, personByOwnerId, slaStatusOf, type EventSummary, type HandoffRecord, type Lead, type OutcomeAction, type OutcomeContext } from '../domain/index.js';
import type { ContactSnapshot } from '../hubspot/crmGateway.js';
import { eventSummary, propertiesForRecord } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES, DEAL_P, P } from '../hubspot/handoffProperties.js';
import { pendingTaskId, type Effect } from '../ledger/ledger.js';
import { ACTIVITY_PROPERTIES, firstTouchOfCurrentOwner, readLead } from './leadReads.js';
import { routingSnapshotInLedger } from './routeLead.js';
import { accountsFor, type Accounts } from './accountMatch.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { deliveryKey, RecordOutcomeInput } from './inputs.js';
import { writeHandoff, type Written } from './write/handoffWrite.js';
import { createTaskEffect } from './write/ledgerWrite.js';
import { leadMirrorEffects } from './write/leadMirror.js';

export interface RecordOutcomeResult extends Written {
  contactId: string;
  stage: string;
  ownerId?: string;
  /** A reject the policy reroutes: who has the lead now, and why them. */
  reroutedTo?: { ownerId: string; explanation: string };
  /** False when the same outcome was already recorded (a repeated click or delivery). */
  changed: boolean;
  transition?: { event: string; from: string; to: string; at: string; reason: string };
  noteId?: string;
}

type Input = ReturnType<typeof RecordOutcomeInput.parse>;

const TARGET = { accept: 'accepted', reject: 'rejected', recycle: 'recycled', convert: 'converted' } as const;

/**
 * "Record outcome": accept, reject with a reason (and note), recycle, or mark converted. One read
 * of the contact (its lifecycle stage, and its properties for a handoff the ledger adopts), the
 * decision committed in one ledger transaction (a compare-and-set on the handoff's version), then
 * HubSpot told from the outbox: a person's rejection or recycle leaves a note, the properties are
 * written once, the follow-up task is closed and a converted deal stamped.
 */
export const recordOutcome = handler(async (ctx: HandlerContext, raw: unknown): Promise<RecordOutcomeResult> => {
  const input = parseInput(RecordOutcomeInput, raw);
  const now = ctx.now();
  const action = actionOf(input);
  // A reroute is a routing: it needs the lead (its company) and the account owners, read first.
  let reroute: { lead: Lead; accounts: Accounts } | undefined;
  let contact: ContactSnapshot;
  if (outcomeNeedsRouting(action, ctx.policy)) {
    const read = await readLead(ctx, input.contactId, [...ACTIVITY_PROPERTIES]);
    contact = read.contact;
    reroute = { lead: read.lead, accounts: await accountsFor(ctx, read.lead, read.companyId) };
  } else {
    contact = await ctx.crm.readContact(input.contactId, { properties: [...CONTACT_PROPERTY_NAMES, 'hubspot_owner_id', 'lifecyclestage', ...ACTIVITY_PROPERTIES], history: [...ACTIVITY_PROPERTIES] });
  }
  const detail = input.action === 'reject' || input.action === 'recycle' ? input.reasonCode : input.action === 'convert' ? input.dealId : undefined;

  return writeHandoff<RecordOutcomeResult>(ctx, {
    contactId: input.contactId,
    properties: contact.properties,
    key: (record) => deliveryKey(input.action, input, input.expectedVersion ?? record.version, detail),
    decide: async (tx, record, key) => {
      if (input.expectedVersion !== undefined && input.expectedVersion !== record.version) {
        throw new HandlerError('CONFLICT', `this handoff changed since it was shown (version ${input.expectedVersion}, now ${record.version}: ${record.state}); nothing was saved — reload and look again`, {
          contactId: input.contactId,
          expectedVersion: input.expectedVersion,
          version: record.version,
          stage: record.state,
        });
      }
      if (alreadyDone(record, input)) {
        // Already done without this key (a keyless repeat): nothing changes; the outbox finishes what is owed.
        return { result: { contactId: input.contactId, stage: record.state, changed: false, ...(record.ownerId ? { ownerId: record.ownerId } : {}) }, unchanged: true, owed: true };
      }
      // The touch HubSpot logged while the owner held the lead is their response, if it came first.
      const firstTouchAt = firstTouchOfCurrentOwner(contact, record, ctx.policy);
      const context: OutcomeContext = { ...(firstTouchAt ? { firstTouchAt } : {}), ...(reroute ? { lead: reroute.lead, routing: await routingSnapshotInLedger(tx, ctx, reroute.lead, reroute.accounts, now) } : {}) };
      const decision = decideOutcome(record, action, ctx.policy, now, input.actor, context);
      const lifecycle = input.action === 'accept' ? lifecycleForward(contact.properties.lifecyclestage, 'salesqualifiedlead') : input.action === 'convert' ? lifecycleForward(contact.properties.lifecyclestage, 'opportunity') : {};
      const receipt = { key, ...(decision.closeTaskId ? { closedTaskId: decision.closeTaskId } : {}) };
      const events = decision.transitions.map((t) => eventSummary(t, receipt));
      // A reroute's follow-up task is created by the outbox; until then the handoff knows it by its pending id.
      const after = decision.task ? { ...decision.record, taskId: pendingTaskId(key) } : decision.record;
      const status = slaStatusOf(after, ctx.policy, now);
      const result: RecordOutcomeResult = {
        contactId: input.contactId,
        stage: after.state,
        changed: true,
        ...(after.ownerId ? { ownerId: after.ownerId } : {}),
        ...(decision.rerouted ? { reroutedTo: { ownerId: decision.rerouted.ownerId, explanation: decision.rerouted.explanation } } : {}),
        transition: transitionOf(events.at(-1)!),
      };
      const properties = propertiesForRecord(record, after, decision.transition, { ...lifecycle, [P.slaStatus]: status ?? '' }, receipt);
      const effects = effectsOf(ctx, input, record, after, properties, decision.closeTaskId, contact.properties[P.ownerAtHandoff], now);
      // A reject that reroutes or recycles at once is two transitions: handoff_last_event's history (what people see in HubSpot) gets both.
      const earlier = events.slice(0, -1).map((e): Effect => ({ kind: 'updateContact', contactId: input.contactId, properties: { [P.lastEvent]: JSON.stringify(e) } }));
      effects.splice(effects.findIndex((e) => e.kind === 'updateContact'), 0, ...earlier);
      effects.push(...leadMirrorEffects(ctx.policy, input.contactId, record, after));
      if (decision.task) effects.unshift(createTaskEffect(input.contactId, decision.task, { placeholder: pendingTaskId(key) }));
      return {
        result,
        change: {
          record: after,
          events,
          ...(decision.rerouted ? { assignment: { ownerId: decision.rerouted.ownerId, ruleId: decision.rerouted.ruleId, why: decision.rerouted.explanation, source: decision.rerouted.source } } : {}),
          effects,
          slaTimerAt: nextSlaCheckAt(after, ctx.policy, now) ?? null,
        },
      };
    },
    // A person's note: its id comes back from the outbox.
    produced: (recorded) => (typeof recorded.noteId === 'string' ? { noteId: recorded.noteId } : {}),
  });
});

function actionOf(input: Input): OutcomeAction {
  switch (input.action) {
    case 'reject':
      return { type: 'reject', reasonCode: input.reasonCode, ...(input.note ? { note: input.note } : {}) };
    case 'recycle':
      return { type: 'recycle', reasonCode: input.reasonCode, ...(input.note ? { note: input.note } : {}) };
    case 'convert':
      return { type: 'convert', dealId: input.dealId };
    case 'accept':
      return { type: 'accept' };
  }
}

/** What HubSpot is told, in order: a person's note, the one property write, the task closed, the deal stamped. */
function effectsOf(ctx: HandlerContext, input: Input, before: HandoffRecord, after: HandoffRecord, properties: Record<string, string>, closeTaskId: string | undefined, ownerAtHandoff: string | undefined, now: Date): Effect[] {
  const effects: Effect[] = [];
  if (input.actor.kind === 'user' && (input.action === 'reject' || input.action === 'recycle')) {
    const label = input.action === 'reject' ? ctx.policy.rejectionReasons.find((r) => r.code === input.reasonCode)?.label : ctx.policy.recycleReasons.find((r) => r.code === input.reasonCode)?.label;
    const who = ownerNameOf(ctx.policy, input.actor.id);
    const then = after.state === 'routed' && input.action === 'reject' ? `\nRerouted to ${personByOwnerId(ctx.policy, after.ownerId)?.name ?? after.ownerId}.` : after.state === 'recycled' && input.action === 'reject' ? '\nRecycled to marketing, as the policy says for this reason.' : '';
    const body = `Handoff: ${input.action === 'reject' ? 'rejected' : 'recycled'} by ${who} — ${label}${input.note ? `\n${input.note}` : ''}${then}\nPolicy ${ctx.policy.version}`;
    effects.push({ kind: 'createNote', contactId: input.contactId, body, at: now.toISOString(), output: 'noteId' });
  }
  effects.push({ kind: 'updateContact', contactId: input.contactId, properties });
  if (closeTaskId) effects.push({ kind: 'completeTask', taskId: closeTaskId, body: `Closed by Handoff: the lead was ${input.action === 'reject' ? 'rejected' : after.state}.` });
  if (input.action === 'convert') {
    const convertedAt = after.convertedAt ?? now;
    effects.push({
      kind: 'updateDeal',
      dealId: input.dealId,
      properties: {
        [DEAL_P.sourceContact]: input.contactId,
        ...(after.mqlAt ? { [DEAL_P.mqlDate]: after.mqlAt.toISOString(), [DEAL_P.mqlToDealDays]: String(daysFromMqlToDeal({ mqlAt: after.mqlAt, convertedAt })) } : {}),
        ...(after.acceptedAt ? { [DEAL_P.sqlDate]: after.acceptedAt.toISOString() } : {}),
        ...(ownerAtHandoff ? { [DEAL_P.originalOwner]: ownerAtHandoff } : {}),
        ...(before.policyVersion ? { [DEAL_P.policyVersion]: before.policyVersion } : {}),
      },
    });
  }
  return effects;
}

function transitionOf(event: EventSummary): NonNullable<RecordOutcomeResult['transition']> {
  return { event: event.event, from: event.from, to: event.to, at: event.at, reason: event.reason };
}

/**
 * Whether this outcome is already the handoff's (a keyless repeat): in its target state with the
 * same reason or deal, or a rejection its reason sent straight back to marketing.
 */
function alreadyDone(record: HandoffRecord, input: Input): boolean {
  const recycledByThisReject = input.action === 'reject' && record.state === 'recycled' && record.rejectedAt !== undefined && record.recycledAt?.getTime() === record.rejectedAt.getTime();
  return (record.state === TARGET[input.action] || recycledByThisReject) && sameOutcome(record, input);
}

function sameOutcome(record: { rejectionReason?: string; recycleReason?: string; dealId?: string }, input: { action: string; reasonCode?: string; dealId?: string }): boolean {
  if (input.action === 'reject') return record.rejectionReason === input.reasonCode;
  if (input.action === 'recycle') return record.recycleReason === input.reasonCode;
  if (input.action === 'convert') return record.dealId === input.dealId;
  return true;
}
