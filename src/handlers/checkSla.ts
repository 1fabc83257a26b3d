import { decideSlaCheck, ownerNameOf, slaCheckNeedsRouting, slaStatusOf, type Actor, type EventSummary, type HandoffPolicy, type HandoffRecord, type Lead, type RoutingSnapshot, type SlaCheckDecision } from '../domain/index.js';
import { eventSummary, propertiesForRecord } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import { pendingTaskId, type Effect } from '../ledger/ledger.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { CheckSlaInput, deliveryKey } from './inputs.js';
import { ACTIVITY_PROPERTIES, firstTouchOfCurrentOwner, lastActivity, policyFields, readLead } from './leadReads.js';
import { routingSnapshotInLedger } from './routeLead.js';
import { accountsFor, type Accounts } from './accountMatch.js';
import { writeHandoff, type Written } from './write/handoffWrite.js';
import { createTaskEffect } from './write/ledgerWrite.js';
import { leadMirrorEffects } from './write/leadMirror.js';

export interface CheckSlaResult extends Written {
  contactId: string;
  stage: string;
  ownerId?: string;
  slaStatus?: string;
  slaDueAt?: string;
  remainingBusinessMinutes?: number;
  firstTouchAt?: string;
  escalations: { step: string; action: string; to?: string }[];
  reassignedTo?: string;
  recycled: boolean;
  /** When to check again (a workflow delays until then). */
  nextCheckAt?: string;
}

/**
 * "Check SLA": reads the contact once (with the history of HubSpot's activity properties, so the
 * first touch is exact), decides on the ledger's record in one transaction (due escalation steps,
 * a reassignment under the routing lock, or a recycle), then tells HubSpot from the outbox: the
 * tasks, a reassignment's note, one property write and the closed task. A check that only moves
 * the SLA status writes that reading through the outbox too, so it lands in order with changes.
 */
export const checkSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<CheckSlaResult> => {
  const input = parseInput(CheckSlaInput, raw);
  const now = ctx.now();
  const fields = policyFields(ctx.policy);
  const contact = await ctx.crm.readContact(input.contactId, { properties: [...new Set([...fields.contact, ...Object.values(P)])], history: [...ACTIVITY_PROPERTIES], associations: ['companies'] });
  const last = lastActivity(contact);
  // A reassignment needs the lead (its company) and account owners from HubSpot: read outside the
  // transaction when the ledger's record says one is due, then decided again.
  let prepared: { lead: Lead; accounts: Accounts } | undefined;
  const prepare = async () => {
    const full = await readLead(ctx, input.contactId);
    prepared = { lead: full.lead, accounts: await accountsFor(ctx, full.lead, full.companyId) };
  };
  return writeHandoff<CheckSlaResult>(ctx, {
    contactId: input.contactId,
    properties: contact.properties,
    key: (record) => deliveryKey('check-sla', input, record.version),
    decide: async (tx, record, key) => {
      // A touch counts for the owner who held the lead when it was logged: from their attempt's start.
      const firstTouchAt = firstTouchOfCurrentOwner(contact, record, ctx.policy, input.touchedAt ? new Date(input.touchedAt) : undefined);
      let routing: RoutingSnapshot | undefined;
      if (slaCheckNeedsRouting(record, ctx.policy, now, firstTouchAt)) {
        if (!prepared) return { readMore: prepare };
        // A reassignment is a routing: ordered by the lock like any other. (Its instant is the
        // check's; the check was asked for this instant, and the lock is held only briefly.)
        routing = await routingSnapshotInLedger(tx, ctx, prepared.lead, prepared.accounts, now);
      }
      const decision = decideSlaCheck(
        { record, ...(firstTouchAt ? { firstTouchAt } : {}), ...(last ? { lastActivityAt: last } : {}), ...(prepared && routing ? { lead: prepared.lead, routing } : {}) },
        ctx.policy,
        now,
        input.actor,
      );
      const status = slaStatusOf(decision.record, ctx.policy, now);
      const statusWrite: Record<string, string> = (contact.properties[P.slaStatus] ?? '') !== (status ?? '') ? { [P.slaStatus]: status ?? '' } : {};
      const result = resultOf(input.contactId, decision, status);
      if (decision.record.version === record.version) {
        // Only the SLA status reading changed: no new version, but it goes through the outbox behind
        // any change still owed to HubSpot, so a stale reading can never land after a newer change.
        const owed = Object.keys(statusWrite).length > 0;
        if (owed) await tx.project(input.contactId, record.version, [{ kind: 'updateContact', contactId: input.contactId, properties: statusWrite }]);
        // The timer is set to the next instant this handoff needs a look (none: it is cleared).
        await tx.setSlaTimer(input.contactId, record.version, decision.nextCheckAt ?? null);
        return { result, unchanged: true, owed };
      }
      return { result, change: changeOf(ctx, input, record, decision, statusWrite, key, now) };
    },
  });
});

function resultOf(contactId: string, decision: SlaCheckDecision, status: string | undefined): CheckSlaResult {
  const next = decision.record;
  return {
    contactId,
    stage: next.state,
    ...(next.ownerId ? { ownerId: next.ownerId } : {}),
    ...(status ? { slaStatus: status } : {}),
    ...(next.slaDueAt ? { slaDueAt: next.slaDueAt.toISOString() } : {}),
    ...(decision.reading ? { remainingBusinessMinutes: decision.reading.remainingMinutes } : {}),
    ...(next.firstTouchAt ? { firstTouchAt: next.firstTouchAt.toISOString() } : {}),
    escalations: decision.escalations.map((e) => ({ step: e.step.id, action: e.step.action, ...(e.to ? { to: e.to } : {}) })),
    ...(decision.reassigned ? { reassignedTo: decision.reassigned.ownerId } : {}),
    recycled: Boolean(decision.recycled),
    ...(decision.nextCheckAt ? { nextCheckAt: decision.nextCheckAt.toISOString() } : {}),
  };
}

/**
 * A check that moved the handoff (a reassignment, a recycle, escalation steps taken): the timeline,
 * then what HubSpot is told: the tasks, a reassignment's note, one property write and the closed task.
 */
function changeOf(ctx: HandlerContext, input: { contactId: string; actor: Actor }, record: HandoffRecord, decision: SlaCheckDecision, statusWrite: Record<string, string>, key: string, now: Date) {
  const transition = decision.transitions.at(-1);
  const receipt = { key, ...(decision.closeTaskId ? { closedTaskId: decision.closeTaskId } : {}) };
  // Steps that move the handoff (reassign, recycle) are in the timeline as their transition; a reassignment that could not move it, with why.
  const events: EventSummary[] = [...decision.escalations.filter((e) => e.note !== undefined || (e.step.action !== 'reassign' && e.step.action !== 'recycle')).map((e) => escalationEvent(e, record.state, now, input.actor, ctx.policy)), ...decision.transitions.map((t) => eventSummary(t, receipt))];
  const effects: Effect[] = [];
  let after = decision.record;
  for (const [i, task] of decision.tasks.entries()) {
    // A reassignment's task for the new owner becomes the handoff's follow-up (known by its pending id until created).
    const forNewOwner = decision.reassigned && task.ownerId === decision.reassigned.ownerId;
    if (forNewOwner) after = { ...after, taskId: pendingTaskId(key) };
    effects.push(createTaskEffect(input.contactId, task, forNewOwner ? { placeholder: pendingTaskId(key) } : { name: `escalationTask${i}` }));
  }
  if (decision.reassigned) effects.push({ kind: 'createNote', contactId: input.contactId, body: `Handoff: reassigned from ${ownerNameOf(ctx.policy, record.ownerId)} to ${ownerNameOf(ctx.policy, decision.reassigned.ownerId)} — ${transition?.reason}`, at: now.toISOString(), output: 'noteId' });
  effects.push({ kind: 'updateContact', contactId: input.contactId, properties: propertiesForRecord(record, after, transition, statusWrite, receipt) });
  if (decision.closeTaskId) effects.push({ kind: 'completeTask', taskId: decision.closeTaskId, body: `Closed by Handoff: the lead was ${decision.reassigned ? 'reassigned' : 'recycled'}.` });
  effects.push(...leadMirrorEffects(ctx.policy, input.contactId, record, after));
  return {
    record: after,
    events,
    ...(decision.reassigned ? { assignment: { ownerId: decision.reassigned.ownerId, ruleId: decision.reassigned.ruleId, why: transition?.reason ?? decision.reassigned.explanation, source: decision.reassigned.source } } : {}),
    effects,
    slaTimerAt: decision.nextCheckAt ?? null,
  };
}

/** An escalation step taken, as a timeline entry (the card's history shows reminders and managers told). */
function escalationEvent(e: { step: { id: string; label: string; action: string }; to?: string; note?: string }, state: string, now: Date, actor: Actor, policy: HandoffPolicy): EventSummary {
  const to = e.to ? ownerNameOf(policy, e.to) : undefined;
  return {
    event: 'escalate',
    from: state,
    to: state,
    at: now.toISOString(),
    actor: `${actor.kind}:${actor.id}`,
    reason: `${e.step.label}${to ? ` → ${to}` : ''}${e.note ? ` (${e.note})` : ''}`,
    policyVersion: policy.version,
    step: e.step.id,
    ...(e.to ? { ownerId: e.to } : {}),
  };
}
