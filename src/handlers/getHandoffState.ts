import { canTransition, IN_HANDOFF_STATES, mayActOn, ownerCalendar, personByOwnerId, qualify, readSla, workingWindows, type CriterionResult, type HandoffEventType, type HandoffRecord } from '../domain/index.js';
import type { EventSummary } from '../hubspot/contactRecord.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { GetHandoffStateInput } from './inputs.js';
import { ACTIVITY_PROPERTIES, firstActivityAfter, readLead } from './leadReads.js';

export interface ActionState {
  enabled: boolean;
  why?: string;
}

export interface HandoffState {
  contactId: string;
  policyVersion: string;
  stage: string;
  qualification: { stage: string; summary: string; policyVersion: string; met: Criterion[]; unmet: Criterion[]; disqualifiedBy: Criterion[] };
  owner?: { ownerId: string; name: string; teamId?: string; timeZone: string };
  routing?: { ruleId?: string; explanation?: string; routedAt?: string };
  sla?: {
    tierId?: string;
    tierLabel?: string;
    status: string;
    dueAt: string;
    startedAt: string;
    remainingBusinessMinutes: number;
    elapsedBusinessMinutes: number;
    percentUsed: number;
    timeZone: string;
    firstTouchAt?: string;
    atRiskPercent: number;
    /** The owner's working windows from the SLA start to its due time ([open, close] epoch ms), so the card counts business time down itself. */
    windows: [number, number][];
  };
  record: { handoffCount: number; mqlAt?: string; acceptedAt?: string; rejectedAt?: string; rejectionReason?: string; recycledAt?: string; convertedAt?: string; dealId?: string; version: number };
  /** The newest timeline entries (HISTORY_SHOWN of them), and how many there are in all. */
  history: (EventSummary & { recordedAt: string })[];
  historyTotal: number;
  /** Names of the owners the history mentions (from the policy's people), so the card never shows a bare id. */
  ownerNames?: Record<string, string>;
  actions: { accept: ActionState; reject: ActionState; recycle: ActionState };
  rejectionReasons: { code: string; label: string }[];
  asOf: string;
}

interface Criterion {
  id: string;
  label: string;
  met: boolean;
  detail: string;
}

/** How many timeline entries the card gets; the rest are counted (historyTotal). */
export const HISTORY_SHOWN = 20;

/**
 * Everything the contact card shows, in one call to this handler and at most two to HubSpot
 * (the contact with its activity history, and its company for qualification); the handoff's
 * record and timeline from the ledger.
 */
export const getHandoffState = handler(async (ctx: HandlerContext, raw: unknown): Promise<HandoffState> => {
  const input = parseInput(GetHandoffStateInput, raw);
  const now = ctx.now();
  const read = await readLead(ctx, input.contactId, [...ACTIVITY_PROPERTIES]);
  const { contact } = read;
  const [stored, timeline, historyTotal] = await Promise.all([ctx.ledger.handoff(input.contactId), ctx.ledger.timeline(input.contactId, HISTORY_SHOWN), ctx.ledger.timelineCount(input.contactId)]);
  const record = stored ?? read.record;
  const q = qualify(read.lead, ctx.policy, now);
  const person = personByOwnerId(ctx.policy, record.ownerId);
  const calendar = ownerCalendar(ctx.policy, record.ownerId);
  const firstTouchAt = record.firstTouchAt ?? firstActivityAfter(contact, record.routedAt);
  const tier = ctx.policy.sla.tiers.find((t) => t.id === record.slaTierId);
  const crit = (c: CriterionResult): Criterion => ({ id: c.id ?? c.label, label: c.label, met: c.met, detail: c.why });

  const history = timeline.map(({ version: _version, ...entry }) => ({ ...entry, recordedAt: entry.at }));

  const state: HandoffState = {
    contactId: input.contactId,
    policyVersion: ctx.policy.version,
    stage: record.state,
    qualification: {
      stage: q.stage,
      summary: q.summary,
      policyVersion: q.policyVersion,
      met: q.met.map(crit),
      unmet: q.unmet.map(crit),
      disqualifiedBy: (q.disqualifiedBy ?? []).map(crit),
    },
    record: {
      handoffCount: record.handoffCount,
      version: record.version,
      ...iso({ mqlAt: record.mqlAt, acceptedAt: record.acceptedAt, rejectedAt: record.rejectedAt, recycledAt: record.recycledAt, convertedAt: record.convertedAt }),
      ...(record.rejectionReason ? { rejectionReason: record.rejectionReason } : {}),
      ...(record.dealId ? { dealId: record.dealId } : {}),
    },
    history,
    historyTotal,
    ownerNames: ownerNamesIn(ctx.policy, history),
    actions: actionsFor(ctx, record, input.viewerOwnerId),
    rejectionReasons: ctx.policy.rejectionReasons.map((r) => ({ code: r.code, label: r.label })),
    asOf: now.toISOString(),
  };
  if (record.ownerId) state.owner = { ownerId: record.ownerId, name: person?.name ?? `Owner ${record.ownerId}`, timeZone: calendar.timeZone, ...(person?.team ? { teamId: person.team } : {}) };
  if (record.routingRuleId || record.routingExplanation) {
    state.routing = { ...(record.routingRuleId ? { ruleId: record.routingRuleId } : {}), ...(record.routingExplanation ? { explanation: record.routingExplanation } : {}), ...iso({ routedAt: record.routedAt }) };
  }
  if (record.routedAt && record.slaDueAt && IN_HANDOFF_STATES.includes(record.state)) {
    const reading = readSla({ start: record.routedAt, due: record.slaDueAt, calendar }, now, ctx.policy.sla.atRiskPercent, firstTouchAt);
    state.sla = {
      status: reading.status,
      dueAt: record.slaDueAt.toISOString(),
      startedAt: record.routedAt.toISOString(),
      remainingBusinessMinutes: reading.remainingMinutes,
      elapsedBusinessMinutes: reading.elapsedMinutes,
      percentUsed: reading.percentUsed,
      timeZone: calendar.timeZone,
      atRiskPercent: ctx.policy.sla.atRiskPercent,
      windows: workingWindows(record.routedAt, record.slaDueAt, calendar),
      ...(tier ? { tierId: tier.id, tierLabel: tier.label } : {}),
      ...(firstTouchAt ? { firstTouchAt: firstTouchAt.toISOString() } : {}),
    };
  }
  return state;
});

function actionsFor(ctx: HandlerContext, record: HandoffRecord, viewer: string | undefined): HandoffState['actions'] {
  const mayAct = viewer === undefined || mayActOn(ctx.policy, record, { kind: 'user', id: viewer });
  const one = (event: HandoffEventType): ActionState => {
    if (!canTransition(record.state, event)) return { enabled: false, why: `The lead is ${record.state}; it can be ${event === 'recycle' ? 'recycled' : `${event}ed`} only when ${event === 'recycle' ? 'routed, accepted or rejected' : 'routed'}.` };
    if (!mayAct) return { enabled: false, why: `Only the owner (${personByOwnerId(ctx.policy, record.ownerId)?.name ?? record.ownerId}) or their manager can do this.` };
    return { enabled: true };
  };
  return { accept: one('accept'), reject: one('reject'), recycle: one('recycle') };
}

function iso<T extends Record<string, Date | undefined>>(dates: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const [k, v] of Object.entries(dates)) if (v) out[k as keyof T] = v.toISOString();
  return out;
}

/** The policy names of every owner a history entry names (routed to, reassigned to, or acting). */
function ownerNamesIn(policy: HandlerContext['policy'], history: { ownerId?: string; actor?: string }[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const h of history) {
    for (const id of [h.ownerId, h.actor?.startsWith('user:') ? h.actor.slice(5) : undefined]) {
      const name = id ? personByOwnerId(policy, id)?.name : undefined;
      if (id && name) names[id] = name;
    }
  }
  return names;
}
