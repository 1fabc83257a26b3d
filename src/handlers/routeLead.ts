import { decideRouteLead, fairnessWindowStarts, lifecycleForward, nextSlaCheckAt, slaStatusOf, type Actor, type HandoffRecord, type Lead, type RouteLeadDecision, type RoutingSnapshot } from '../domain/index.js';
import { eventSummary, propertiesForRecord } from '../hubspot/contactRecord.js';
import { P } from '../hubspot/handoffProperties.js';
import { pendingTaskId, type LedgerChange, type LedgerTx } from '../ledger/ledger.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { HandlerError, parseInput } from './handlerError.js';
import { deliveryKey, RouteLeadInput, StartSlaInput } from './inputs.js';
import { readLead, withMatchedCompanies, type LeadRead } from './leadReads.js';
import { taskThenWrite } from './write/ledgerWrite.js';
import { writeHandoff, type Written } from './write/handoffWrite.js';
import { leadMirrorEffects, leadName } from './write/leadMirror.js';
import { accountsFor, type Accounts } from './accountMatch.js';
import { indexedCompany, leadFromEnrolment } from './enrolmentLead.js';

export interface RouteLeadResult extends Written {
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
  /** The Lead that mirrors this handoff in the prospecting workspace (policy hubspot.leads: mirror). */
  leadId?: string;
}

/**
 * "Route lead": qualify the contact; if it is an MQL, route it with reasons and start its SLA.
 * HubSpot is read first (the contact with its company association, then the company); the
 * decision is taken in one ledger transaction holding the routing lock, so concurrent routings on
 * any number of instances are ordered and read each other's assignments. Then HubSpot is told:
 * the follow-up task, and one write of the handoff properties. No search.
 * A contact already in a handoff is left alone (a repeated delivery changes nothing).
 */
export const routeLead = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(RouteLeadInput, raw);
  return routeOrStart(ctx, input, false);
});

/** "Start SLA": for a contact whose owner was assigned in HubSpot: the SLA starts for that owner. */
export const startSla = handler(async (ctx: HandlerContext, raw: unknown): Promise<RouteLeadResult> => {
  const input = parseInput(StartSlaInput, raw);
  return routeOrStart(ctx, input, true);
});

export type RouteInput = { contactId: string; actor: Actor; idempotencyKey?: string | undefined; contactProperties?: Record<string, string> | undefined };

async function routeOrStart(ctx: HandlerContext, input: RouteInput, assigned: boolean): Promise<RouteLeadResult> {
  // The contact as its enrolment brought it while HubSpot's daily limit is reached (no call can be
  // made), else read from HubSpot, which says which companies it is associated with in the same call.
  const enrolled = !assigned && ctx.hubspotParkedUntil?.() ? input.contactProperties : undefined;
  const first = enrolled ? await leadFromEnrolment(ctx, input.contactId, enrolled) : await readLead(ctx, input.contactId);
  // Lead-to-account matching reads the ledger's account index (no HubSpot search), before the lock.
  const accounts = assigned ? {} : await accountsFor(ctx, first.lead, first.companyId);
  const read = accounts.account && !first.companyId ? await withAccountCompany(ctx, first, accounts.account.companyId, !!enrolled) : first;
  return writeHandoff(ctx, {
    contactId: input.contactId,
    properties: read.contact.properties,
    lockRouting: !assigned,
    key: (record) => routeKey(input, record, assigned),
    decide: async (tx, record, key) => {
      // Routings are ordered by the lock, and each reads the clock once it holds it, so an
      // assignment committed before this one is never "in the future" of this one's decision.
      const now = ctx.now();
      // Not assigned: writeHandoff took the routing lock for this transaction (lockRouting above).
      const routing: RoutingSnapshot = assigned ? { openHandoffs: {} } : { ...(await routingLoadHeld(tx, ctx, now)), ...accounts };
      const planned = planRoute(ctx, { input, read, record, key, assigned, routing, now });
      return planned.change ? { result: planned.result, change: planned.change } : { result: planned.result, unchanged: true, owed: false };
    },
    // The follow-up task's id and the mirrored Lead's come back from the outbox.
    produced: producedOf,
  });
}

/** A lead HubSpot associates with no company, given the one matching found: from HubSpot, or from the index when no call can be made. */
async function withAccountCompany(ctx: HandlerContext, read: LeadRead, companyId: string, fromIndex: boolean): Promise<LeadRead> {
  if (!fromIndex) return (await withMatchedCompanies(ctx, [read], new Map([[read.contact.id, companyId]])))[0]!;
  const company = await indexedCompany(ctx, companyId);
  return company ? { ...read, lead: { ...read.lead, company } } : read;
}

/** The ids a delivery's recorded result holds of what the outbox made. */
export function producedOf(result: Readonly<Record<string, unknown>>): Pick<RouteLeadResult, 'taskId' | 'leadId'> {
  return { ...(typeof result.taskId === 'string' ? { taskId: result.taskId } : {}), ...(typeof result.leadId === 'string' ? { leadId: result.leadId } : {}) };
}

/** A delivery's key: the caller's (scoped to the action, so one delivery id never stands for two actions), or the contact at its version. */
export const routeKey = (input: RouteInput, record: HandoffRecord, assigned: boolean): string => deliveryKey(assigned ? 'start-sla' : 'route', input, record.version);

/** What routing one contact decided: the answer, and the change to commit when it was routed. */
export interface PlannedRoute {
  result: RouteLeadResult;
  change?: LedgerChange;
}

/**
 * The routing of one contact, decided without I/O from what was read: the handoff as the ledger
 * has it, the lead, and the routing load (with the lead's account). The single path and the
 * batch path both decide through it, so a batch splits leads as routing them one by one would.
 */
export function planRoute(ctx: Pick<HandlerContext, 'policy'>, o: { input: RouteInput; read: LeadRead; record: HandoffRecord; key: string; assigned: boolean; routing: RoutingSnapshot; now: Date }): PlannedRoute {
  const { input, read, record, key, assigned, routing, now } = o;
  const { contactId, actor } = input;
  const assignedOwnerId = assigned ? read.contact.properties.hubspot_owner_id : undefined;
  if (assigned && !assignedOwnerId) throw new HandlerError('CONFLICT', `contact ${contactId} has no owner in HubSpot, so there is no SLA to start; use "Route lead" to assign one`, { contactId });
  const decision = decideRouteLead({ record, lead: read.lead, routing, ...(assignedOwnerId ? { assignedOwnerId } : {}) }, ctx.policy, now, actor);
  const base: RouteLeadResult = {
    contactId,
    outcome: decision.outcome,
    stage: decision.record.state,
    qualification: { stage: decision.qualification.stage, summary: decision.qualification.summary, policyVersion: decision.qualification.policyVersion },
    ...(decision.record.ownerId ? { ownerId: decision.record.ownerId } : {}),
    ...(decision.record.slaDueAt ? { slaDueAt: decision.record.slaDueAt.toISOString() } : {}),
    ...(decision.record.slaTierId ? { slaTierId: decision.record.slaTierId } : {}),
  };
  if (decision.outcome !== 'routed') return { result: base };

  const result: RouteLeadResult = { ...base, ruleId: decision.routing.ruleId, explanation: decision.routing.explanation };
  const receipt = { key, ruleId: decision.routing.ruleId, slaTierId: decision.routing.slaTierId, ...(decision.record.slaDueAt ? { slaDueAt: decision.record.slaDueAt.toISOString() } : {}) };
  const events = decision.transitions.slice(-2).map((t) => eventSummary(t, t.event === 'route' ? receipt : {}));
  // The follow-up task is created by the outbox; until then the handoff knows it by its pending id.
  const next = decision.task ? { ...decision.record, taskId: pendingTaskId(key) } : decision.record;
  const properties = propertiesForRecord(record, next, decision.transitions.at(-1), { [P.slaStatus]: slaStatusOf(next, ctx.policy, now) ?? '', ...lifecycleForward(read.lead.contact.lifecyclestage, 'marketingqualifiedlead') }, receipt);
  return {
    result,
    change: {
      contactId,
      fromVersion: record.version,
      record: next,
      events,
      assignment: { ownerId: decision.routing.ownerId, ruleId: decision.routing.ruleId, why: decision.routing.explanation, source: assigned ? 'hubspot' : 'route' },
      delivery: { key, result: result as unknown as Record<string, unknown> },
      effects: [...taskThenWrite(contactId, decision.task, properties, pendingTaskId(key)), ...leadMirrorEffects(ctx.policy, contactId, record, next, { name: leadName(read.contact.properties, contactId), ...(read.companyId ? { companyId: read.companyId } : {}) })],
      slaTimerAt: nextSlaCheckAt(next, ctx.policy, now) ?? null,
    },
  };
}

/** The routing load from the ledger, under the routing lock (held until the transaction ends). */
export async function loadUnderLock(tx: LedgerTx, ctx: HandlerContext, now: Date) {
  await tx.lockRouting();
  return routingLoadHeld(tx, ctx, now);
}

/** The routing load, for a transaction that already holds the routing lock (one round trip fewer). */
export function routingLoadHeld(tx: LedgerTx, ctx: HandlerContext, now: Date) {
  return tx.routingLoad(fairnessWindowStarts(ctx.policy, now), now);
}

/** The routing snapshot for a reassignment: the ledger's load under the lock, and the lead's account. */
export async function routingSnapshotInLedger(tx: LedgerTx, ctx: HandlerContext, lead: Lead, accounts: Accounts, now: Date): Promise<RoutingSnapshot> {
  return { ...(await loadUnderLock(tx, ctx, now)), ...accounts };
}

