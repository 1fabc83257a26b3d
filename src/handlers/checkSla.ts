import { decideSlaCheck, slaCheckNeedsRouting, type Lead, type RoutingSnapshot } from '../domain/index.js';
import { propertiesForRecord, recordFromProperties } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { CheckSlaInput } from './inputs.js';
import { ACTIVITY_PROPERTIES, firstActivityAfter, lastActivity, policyFields, readLead } from './leadReads.js';
import { routingSnapshot } from './routeLead.js';

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
}

/**
 * "Check SLA": reads the contact once (with the history of HubSpot's activity properties, so the
 * first touch is exact), takes due escalation steps, reassigns or recycles when the policy says
 * so, and writes once. Reassignment also reads the company and the routing load.
 */
export const checkSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<CheckSlaResult> => {
  const input = parseInput(CheckSlaInput, raw);
  const now = ctx.now();
  const fields = policyFields(ctx.policy);
  const contact = await ctx.crm.readContact(input.contactId, { properties: [...new Set([...fields.contact, ...Object.values(P)])], history: ACTIVITY_PROPERTIES, associations: ['companies'] });
  const record = recordFromProperties(contact.id, contact.properties);
  const firstTouchAt = firstActivityAfter(contact, record.routedAt);
  let lead: Lead | undefined;
  let routing: RoutingSnapshot | undefined;
  if (slaCheckNeedsRouting(record, ctx.policy, now, firstTouchAt)) {
    const full = await readLead(ctx, input.contactId);
    lead = full.lead;
    routing = await routingSnapshot(ctx, full.lead, Boolean(full.companyId), now);
  }
  const last = lastActivity(contact);
  const decision = decideSlaCheck({ record, ...(firstTouchAt ? { firstTouchAt } : {}), ...(last ? { lastActivityAt: last } : {}), ...(lead ? { lead } : {}), ...(routing ? { routing } : {}) }, ctx.policy, now, input.actor);

  let next = decision.record;
  const createdTasks: string[] = [];
  for (const task of decision.tasks) {
    const id = await ctx.crm.createTask({ ...task, contactId: input.contactId });
    createdTasks.push(id);
    if (decision.reassigned && task.ownerId === decision.reassigned.ownerId) next = { ...next, taskId: id };
  }
  const status = decision.reading?.status;
  const statusWrite: Record<string, string> = status && contact.properties[P.slaStatus] !== status ? { [P.slaStatus]: status } : {};
  const writes = decision.changed ? propertiesForRecord(record, next, decision.transitions.at(-1), statusWrite) : statusWrite;
  if (Object.keys(writes).length) await ctx.crm.updateContact(input.contactId, writes);
  if (decision.closeTaskId) await ctx.crm.completeTask(decision.closeTaskId, `Closed by Handoff: the lead was ${decision.reassigned ? 'reassigned' : 'recycled'}.`);
  if (decision.reassigned) await ctx.crm.createNote(input.contactId, `Handoff: reassigned from owner ${record.ownerId} to ${decision.reassigned.ownerId} — ${decision.transitions.at(-1)?.reason}`, now);

  return {
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
  };
});
