import { decideSlaCheck, slaCheckNeedsRouting, type Lead, type RoutingSnapshot } from '../domain/index.js';
import { committedEvent, propertiesForRecord, reassignmentsSinceRouted, recordFromProperties } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { CheckSlaInput } from './inputs.js';
import { ACTIVITY_PROPERTIES, firstActivityAfter, lastActivity, policyFields, readLead } from './leadReads.js';
import { routingSnapshot } from './routeLead.js';
import { rereadOnMove, withHandoffClaim, writeReadingAt } from './write/handoffClaim.js';

export interface CheckSlaResult {
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
  /** True when this delivery repeated one already recorded: nothing was written. */
  replayed?: boolean;
}

/**
 * "Check SLA": reads the contact once (with the history of HubSpot's activity properties, so the
 * first touch is exact), takes due escalation steps, reassigns or recycles when the policy says
 * so, and writes once. Reassignment also reads the company and the routing load.
 */
export const checkSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<CheckSlaResult> => {
  const input = parseInput(CheckSlaInput, raw);
  return rereadOnMove(() => checkOnce(ctx, input));
});

async function checkOnce(ctx: HandlerContext, input: ReturnType<typeof CheckSlaInput.parse>): Promise<CheckSlaResult> {
  const now = ctx.now();
  const fields = policyFields(ctx.policy);
  const contact = await ctx.crm.readContact(input.contactId, { properties: [...new Set([...fields.contact, ...Object.values(P)])], history: [...ACTIVITY_PROPERTIES, P.lastEvent], associations: ['companies'] });
  const record = recordFromProperties(contact.id, contact.properties);
  const key = `check-sla:${input.idempotencyKey ?? `${input.contactId}:v${record.version}`}`;
  const recorded = committedEvent(contact.history[P.lastEvent], key);
  if (recorded) {
    return {
      contactId: input.contactId,
      stage: record.state,
      ...(record.ownerId ? { ownerId: record.ownerId } : {}),
      ...(contact.properties[P.slaStatus] ? { slaStatus: contact.properties[P.slaStatus] } : {}),
      escalations: [],
      ...(recorded.event === 'reassign' && recorded.ownerId ? { reassignedTo: recorded.ownerId } : {}),
      recycled: recorded.event === 'recycle',
      replayed: true,
    };
  }
  const firstTouchAt = firstActivityAfter(contact, record.routedAt);
  let lead: Lead | undefined;
  let routing: RoutingSnapshot | undefined;
  const reassignments = reassignmentsSinceRouted(contact.history[P.lastEvent]);
  if (slaCheckNeedsRouting(record, ctx.policy, now, firstTouchAt, reassignments)) {
    const full = await readLead(ctx, input.contactId);
    lead = full.lead;
    routing = await routingSnapshot(ctx, full.lead, Boolean(full.companyId), now);
  }
  const last = lastActivity(contact);
  const decision = decideSlaCheck({ record, reassignments, ...(firstTouchAt ? { firstTouchAt } : {}), ...(last ? { lastActivityAt: last } : {}), ...(lead ? { lead } : {}), ...(routing ? { routing } : {}) }, ctx.policy, now, input.actor);

  const status = decision.reading?.status;
  const statusWrite: Record<string, string> = status && contact.properties[P.slaStatus] !== status ? { [P.slaStatus]: status } : {};
  const result = (next: typeof decision.record): CheckSlaResult => ({
    contactId: input.contactId,
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
  });

  if (decision.record.version === record.version) {
    // Only the SLA status reading changed: no transition, so no claim and no new version. The
    // version is read back after the write: if an action committed meanwhile (a re-route that
    // restarted the SLA, say), the check runs again so the status is that of the handoff as it is.
    if (Object.keys(statusWrite).length) await writeReadingAt(ctx, input.contactId, record.version, statusWrite);
    return result(decision.record);
  }
  // Escalation tasks, a reassignment's task and note are created under the claim (or reused from
  // this check's earlier attempt), so two checks at once cannot remind or reassign twice.
  return withHandoffClaim(ctx, input.contactId, record.version, key, async (claim) => {
    let next = decision.record;
    for (const [i, task] of decision.tasks.entries()) {
      let id = claim.reuse[`task${i}`];
      if (!id) {
        id = await ctx.crm.createTask({ ...task, contactId: input.contactId });
        claim.created(`task${i}`, id);
      }
      if (decision.reassigned && task.ownerId === decision.reassigned.ownerId) next = { ...next, taskId: id };
    }
    let noteId = claim.reuse.noteId;
    if (decision.reassigned && !noteId) {
      noteId = await ctx.crm.createNote(input.contactId, `Handoff: reassigned from owner ${record.ownerId} to ${decision.reassigned.ownerId} — ${decision.transitions.at(-1)?.reason}`, now);
      claim.created('noteId', noteId);
    }
    const transition = decision.transitions.at(-1);
    const receipt = { key, ...(noteId ? { noteId } : {}), ...(decision.closeTaskId ? { closedTaskId: decision.closeTaskId } : {}), ...(next.taskId && decision.reassigned ? { taskId: next.taskId } : {}) };
    await claim.commit(propertiesForRecord(record, next, transition, statusWrite, receipt));
    if (decision.closeTaskId) await ctx.crm.completeTask(decision.closeTaskId, `Closed by Handoff: the lead was ${decision.reassigned ? 'reassigned' : 'recycled'}.`);
    return result(next);
  });
}
