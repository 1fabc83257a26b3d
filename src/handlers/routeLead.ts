import { DateTime } from 'luxon';
import { decideRouteLead, emailDomain, qualify, type Actor, type Lead, type RouteLeadDecision, type RoutingSnapshot } from '../domain/index.js';
import { committedEvent, propertiesForRecord, type EventSummary } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { RouteLeadInput, StartSlaInput } from './inputs.js';
import { readLead } from './leadReads.js';
import { lifecycleForward } from './lifecycle.js';
import { rereadOnMove, withHandoffClaim } from './write/handoffClaim.js';

export interface RouteLeadResult {
  contactId: string;
  outcome: RouteLeadDecision['outcome'];
  stage: string;
  qualification: { stage: string; summary: string; policyVersion: string };
  ownerId?: string;
  ruleId?: string;
  explanation?: string;
  slaTierId?: string;
  slaDueAt?: string;
  taskId?: string;
  /** True when this delivery repeated one already recorded: the result is the recorded one, nothing was written. */
  replayed?: boolean;
}

/**
 * "Route lead": qualify the contact; if it is an MQL, route it with reasons, start its SLA and
 * write it all back in one update, then put a follow-up task in the new owner's queue.
 * A contact already in a handoff is left alone (a repeated delivery changes nothing).
 */
export const routeLead = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(RouteLeadInput, raw);
  return rereadOnMove(() => routeOrStart(ctx, input, false));
});

/** "Start SLA": for a contact whose owner was assigned in HubSpot: the SLA starts for that owner. */
export const startSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(StartSlaInput, raw);
  return rereadOnMove(() => routeOrStart(ctx, input, true));
});

async function routeOrStart(ctx: HandlerContext, input: { contactId: string; actor: Actor; idempotencyKey?: string | undefined }, assigned: boolean): Promise<RouteLeadResult> {
  const { contactId, actor } = input;
  const now = ctx.now();
  const read = await readLead(ctx, contactId, [P.lastEvent]);
  // A caller's key is scoped to the action, so one delivery id can never stand for two different actions.
  const key = `${assigned ? 'start-sla' : 'route'}:${input.idempotencyKey ?? `${contactId}:v${read.record.version}`}`;
  const recorded = committedEvent(read.contact.history[P.lastEvent], key);
  if (recorded) return replayedResult(contactId, recorded, qualify(read.lead, ctx.policy, now));

  const assignedOwnerId = assigned ? read.contact.properties.hubspot_owner_id : undefined;
  if (assigned && !assignedOwnerId) throw new HandlerError('CONFLICT', `contact ${contactId} has no owner in HubSpot, so there is no SLA to start; use "Route lead" to assign one`, { contactId });
  const routing: RoutingSnapshot = assigned ? { openHandoffs: {}, recentAssignments: [] } : await routingSnapshot(ctx, read.lead, Boolean(read.companyId), now);
  const decision = decideRouteLead({ record: read.record, lead: read.lead, routing, ...(assignedOwnerId ? { assignedOwnerId } : {}) }, ctx.policy, now, actor);
  const base: RouteLeadResult = {
    contactId,
    outcome: decision.outcome,
    stage: decision.record.state,
    qualification: { stage: decision.qualification.stage, summary: decision.qualification.summary, policyVersion: decision.qualification.policyVersion },
    ...(decision.record.ownerId ? { ownerId: decision.record.ownerId } : {}),
    ...(decision.record.slaDueAt ? { slaDueAt: decision.record.slaDueAt.toISOString() } : {}),
    ...(decision.record.slaTierId ? { slaTierId: decision.record.slaTierId } : {}),
  };
  if (decision.outcome !== 'routed') return base;

  // Claimed, so a concurrent delivery cannot route the lead a second time; the task is created
  // under the claim (or reused from this action's earlier attempt) and the commit names it.
  return withHandoffClaim(ctx, contactId, read.record.version, key, async (claim) => {
    let taskId = claim.reuse.taskId;
    if (decision.task && !taskId) {
      taskId = await ctx.crm.createTask({ ...decision.task, contactId });
      claim.created('taskId', taskId);
    }
    const record = taskId ? { ...decision.record, taskId } : decision.record;
    const receipt = { key, ruleId: decision.routing.ruleId, slaTierId: decision.routing.slaTierId, ...(record.slaDueAt ? { slaDueAt: record.slaDueAt.toISOString() } : {}), ...(taskId ? { taskId } : {}) };
    await claim.commit(propertiesForRecord(read.record, record, decision.transitions.at(-1), { [P.slaStatus]: 'on_track', ...lifecycleForward(read.lead.contact.lifecyclestage, 'marketingqualifiedlead') }, receipt));
    return { ...base, ruleId: decision.routing.ruleId, explanation: decision.routing.explanation, ...(taskId ? { taskId } : {}) };
  });
}

/** What the recorded delivery answered, from its event: the same owner, rule, SLA and task. */
function replayedResult(contactId: string, event: EventSummary, qualification: { stage: string; summary: string; policyVersion: string }): RouteLeadResult {
  return {
    contactId,
    outcome: 'routed',
    stage: event.to,
    qualification: { stage: qualification.stage, summary: qualification.summary, policyVersion: event.policyVersion },
    ...(event.ownerId ? { ownerId: event.ownerId } : {}),
    ...(event.ruleId ? { ruleId: event.ruleId } : {}),
    explanation: event.reason,
    ...(event.slaTierId ? { slaTierId: event.slaTierId } : {}),
    ...(event.slaDueAt ? { slaDueAt: event.slaDueAt } : {}),
    ...(event.taskId ? { taskId: event.taskId } : {}),
    replayed: true,
  };
}

/** Open handoffs and recent routings (one search), and the account owner by email domain when there is no company. */
export async function routingSnapshot(ctx: HandlerContext, lead: Lead, hasCompany: boolean, now: Date): Promise<RoutingSnapshot> {
  const since = DateTime.fromJSDate(now).minus({ days: ctx.policy.routing.fairness.lookbackDays }).toJSDate();
  const load = await ctx.crm.routingLoad(since);
  const owner = lead.company?.hubspot_owner_id;
  const companyOwnerId = typeof owner === 'string' && owner ? owner : undefined;
  const usesAccountOwner = ctx.policy.routing.rules.some((r) => r.strategy === 'account_owner');
  const domain = typeof lead.contact.email === 'string' ? emailDomain(lead.contact.email) : undefined;
  const domainCompanyOwnerIds = usesAccountOwner && !hasCompany && domain ? await ctx.crm.companyOwnersByDomain(domain) : undefined;
  return { ...load, ...(companyOwnerId ? { companyOwnerId } : {}), ...(domainCompanyOwnerIds ? { domainCompanyOwnerIds } : {}) };
}
