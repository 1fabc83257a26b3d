import { availableActions, criterionKey, currentAttempt, IN_HANDOFF_STATES, isStuck, ownerCalendar, personByOwnerId, qualify, readAttempt, withAttempts, withFirstTouch, workingWindows, type AvailableActions, type CriterionResult, type Qualification, type RecordedQualification } from '../domain/index.js';
import type { EventSummary } from '../domain/index.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { GetHandoffStateInput } from './inputs.js';
import { ACTIVITY_PROPERTIES, firstTouchOfCurrentOwner, readLead } from './leadReads.js';

export interface HandoffState {
  contactId: string;
  policyVersion: string;
  stage: string;
  /** The qualification recorded when the lead was routed (or today's, for a lead never routed). */
  qualification: QualificationView;
  /** Today's re-check, only when it differs from the recorded one. */
  qualificationToday?: QualificationView;
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
    /** The owner's first response that stopped the clock, and what it was. */
    respondedAt?: string;
    respondedBy?: 'touch' | 'accept' | 'reject';
    atRiskPercent: number;
    /** The owner's working windows from the SLA start to its due time ([open, close] epoch ms), so the card counts business time down itself. */
    windows: [number, number][];
  };
  /** Each owner's turn with this handoff, oldest first. */
  attempts: { number: number; ownerId: string; ownerName: string; source: string; result: string; startedAt: string; dueAt: string; respondedAt?: string; respondedBy?: string; endedAt?: string; endedWhy?: string }[];
  /** A routed lead must be accepted or rejected by decisionDueAt; past it, it is stuck. */
  decision?: { dueAt: string; stuck: boolean };
  record: { handoffCount: number; mqlAt?: string; acceptedAt?: string; rejectedAt?: string; rejectionReason?: string; recycledAt?: string; convertedAt?: string; dealId?: string; version: number };
  /** The newest timeline entries (HISTORY_SHOWN of them), and how many there are in all. */
  history: (EventSummary & { recordedAt: string })[];
  historyTotal: number;
  /** Names of the owners the history mentions (from the policy's people), so the card never shows a bare id. */
  ownerNames?: Record<string, string>;
  actions: AvailableActions;
  rejectionReasons: { code: string; label: string }[];
  recycleReasons: { code: string; label: string }[];
  asOf: string;
}

interface QualificationView {
  stage: string;
  summary: string;
  policyVersion: string;
  /** When it was judged: at routing for a recorded one, now for today's. */
  at: string;
  recorded: boolean;
  /** Every criterion in the policy's order, with the groups it sits in. */
  criteria: Criterion[];
  met: Criterion[];
  unmet: Criterion[];
  disqualifiedBy: Criterion[];
}

interface Criterion {
  id: string;
  label: string;
  /** The groups it sits in, outermost first (as the policy nests them). */
  within: string[];
  met: boolean;
  detail: string;
}

/** How many timeline entries the card gets; the rest are counted (historyTotal) and come on request. */
export const HISTORY_SHOWN = 20;
/** The most entries one request returns when the card asks for all of them. */
export const HISTORY_ALL = 500;

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
  const [stored, timeline, historyTotal] = await Promise.all([ctx.ledger.handoff(input.contactId), ctx.ledger.timeline(input.contactId, input.history === 'all' ? HISTORY_ALL : HISTORY_SHOWN), ctx.ledger.timelineCount(input.contactId)]);
  const record = withAttempts(stored ?? read.record, ctx.policy);
  const today = qualificationView(qualify(read.lead, ctx.policy, now), now);
  const recorded = record.qualification && IN_HANDOFF_STATES.includes(record.state) ? recordedView(record.qualification) : undefined;
  const person = personByOwnerId(ctx.policy, record.ownerId);
  const calendar = ownerCalendar(ctx.policy, record.ownerId);
  // A touch HubSpot logged since the last check reads as the response the check will record (the same rule).
  const attempt = currentAttempt(withFirstTouch(record, ctx.policy, firstTouchOfCurrentOwner(contact, record, ctx.policy)).attempts);
  const tier = ctx.policy.sla.tiers.find((t) => t.id === (attempt?.tierId ?? record.slaTierId));
  const nameOf = (id: string) => personByOwnerId(ctx.policy, id)?.name ?? `Owner ${id}`;

  const history = timeline.map(({ version: _version, ...entry }) => ({ ...entry, recordedAt: entry.at }));

  const state: HandoffState = {
    contactId: input.contactId,
    policyVersion: ctx.policy.version,
    stage: record.state,
    qualification: recorded ?? today,
    ...(recorded && (recorded.stage !== today.stage || recorded.summary !== today.summary) ? { qualificationToday: today } : {}),
    attempts: record.attempts.map((a) => ({
      number: a.number,
      ownerId: a.ownerId,
      ownerName: nameOf(a.ownerId),
      source: a.source,
      result: a.result,
      startedAt: a.startedAt.toISOString(),
      dueAt: a.dueAt.toISOString(),
      ...(a.respondedAt ? { respondedAt: a.respondedAt.toISOString(), respondedBy: a.respondedBy! } : {}),
      ...(a.endedAt ? { endedAt: a.endedAt.toISOString(), endedWhy: a.endedWhy ?? '' } : {}),
    })),
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
    actions: availableActions(record, ctx.policy, input.viewer, now),
    rejectionReasons: ctx.policy.rejectionReasons.map((r) => ({ code: r.code, label: r.label })),
    recycleReasons: ctx.policy.recycleReasons.map((r) => ({ code: r.code, label: r.label })),
    asOf: now.toISOString(),
  };
  if (record.ownerId) state.owner = { ownerId: record.ownerId, name: person?.name ?? `Owner ${record.ownerId}`, timeZone: calendar.timeZone, ...(person?.team ? { teamId: person.team } : {}) };
  // The "why" is the current owner's; a lead back with marketing has none.
  if ((record.routingRuleId || record.routingExplanation) && IN_HANDOFF_STATES.includes(record.state)) {
    state.routing = { ...(record.routingRuleId ? { ruleId: record.routingRuleId } : {}), ...(record.routingExplanation ? { explanation: record.routingExplanation } : {}), ...iso({ routedAt: record.routedAt }) };
  }
  if (attempt && IN_HANDOFF_STATES.includes(record.state)) {
    const reading = readAttempt(attempt, now, ctx.policy, calendar);
    state.sla = {
      status: reading.status,
      dueAt: attempt.dueAt.toISOString(),
      startedAt: attempt.startedAt.toISOString(),
      remainingBusinessMinutes: reading.remainingMinutes,
      elapsedBusinessMinutes: reading.elapsedMinutes,
      percentUsed: reading.percentUsed,
      timeZone: calendar.timeZone,
      atRiskPercent: ctx.policy.sla.atRiskPercent,
      windows: workingWindows(attempt.startedAt, attempt.dueAt, calendar),
      ...(tier ? { tierId: tier.id, tierLabel: tier.label } : {}),
      ...(attempt.firstTouchAt ? { firstTouchAt: attempt.firstTouchAt.toISOString() } : {}),
      ...(attempt.respondedAt ? { respondedAt: attempt.respondedAt.toISOString(), respondedBy: attempt.respondedBy! } : {}),
    };
    if (record.state === 'routed' && attempt.decisionDueAt) state.decision = { dueAt: attempt.decisionDueAt.toISOString(), stuck: isStuck(attempt, record.state, now) };
  }
  return state;
});

const criterion = (c: Pick<CriterionResult, 'label' | 'within' | 'met' | 'why'> & { id?: string | undefined }): Criterion => ({ id: criterionKey(c), label: c.label, within: c.within, met: c.met, detail: c.why });

function qualificationView(q: Qualification, at: Date): QualificationView {
  return { stage: q.stage, summary: q.summary, policyVersion: q.policyVersion, at: at.toISOString(), recorded: false, criteria: q.criteria.map(criterion), met: q.met.map(criterion), unmet: q.unmet.map(criterion), disqualifiedBy: (q.disqualifiedBy ?? []).map(criterion) };
}

function recordedView(q: RecordedQualification): QualificationView {
  return { stage: q.stage, summary: q.summary, policyVersion: q.policyVersion, at: q.judgedAt.toISOString(), recorded: true, criteria: q.criteria.map(criterion), met: q.criteria.filter((c) => c.met).map(criterion), unmet: q.criteria.filter((c) => !c.met).map(criterion), disqualifiedBy: [] };
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
