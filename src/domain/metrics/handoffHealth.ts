import type { HandoffPolicy } from '../policy/policy.schema.js';
import { ownerCalendar, personByOwnerId } from '../decisions/handoffOf.js';
import { businessMinutesBetween } from '../sla/businessCalendar.js';
import { currentAttempt, isStuck, readAttempt, type SlaAttempt } from '../sla/attempt.js';
import type { SlaStatus } from '../sla/sla.js';
import type { HandoffFacts } from './handoffFacts.js';
import { percentile, rate } from './percentile.js';
import { groupInto } from './groupInto.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
  label: string;
}

/** SLA figures over attempts: each owner's turn with a lead counts once, for them. */
export interface SlaTally {
  /** Attempts counted: met + missed + breached and still open + pending. */
  attempts: number;
  met: number;
  /** Responded late, or the lead moved on past due without a response. */
  missed: number;
  /** Still waiting for a response, past due. */
  breachedOpen: number;
  /** Still waiting, within the SLA. */
  pendingOpen: number;
  /** met / (met + missed + breachedOpen), in %. */
  compliance?: number;
  /** Business minutes from assignment to the owner's first response (touch, accept or reject). */
  medianResponseMinutes?: number;
  p90ResponseMinutes?: number;
  /** Business minutes from assignment to the owner's first logged touch. */
  medianFirstTouchMinutes?: number;
  p90FirstTouchMinutes?: number;
  firstTouches: number;
  /** First touches logged outside the owner's working hours before their clock started (0 business minutes). */
  firstTouchesBeforeClock: number;
  /** When a median is 0, why, in words: it is never shown bare. */
  zeroMedianWhy?: string;
}

export interface GroupHealth extends SlaTally {
  id: string;
  name: string;
  /** rep, manager or fallback: the fallback owner and managers are labelled, never mistaken for busy reps. */
  role?: 'rep' | 'manager' | 'fallback' | 'marketing' | 'admin';
  accepted: number;
  rejected: number;
}

/** A job Handoff's work queue gave up on, as the health view lists it. */
export interface ParkedJobView {
  /** The queue's label ("Webhook events", "SLA checks"). */
  queue: string;
  what: string;
  why: string;
  tries: number;
  failedAt: string;
}

/** What Handoff itself could not finish, for the people who run it (managers and admins). */
export interface HandoffOperations {
  parkedJobs: ParkedJobView[];
  parkedWrites: { contactId: string; why: string }[];
}

export interface HandoffHealth {
  /** Handoff's own unfinished work (managers and admins see it). */
  operations?: HandoffOperations;
  period: { from: string; to: string; label: string };
  policyVersion: string;
  /** Handoffs whose MQL date is in the period: each counts once, whoever held it. */
  funnel: { mql: number; sql: number; opportunity: number; recycled: number; rejected: number; mqlToSql?: number; sqlToOpportunity?: number; mqlToOpportunity?: number };
  /** Every attempt on those handoffs. */
  sla: SlaTally;
  byOwner: GroupHealth[];
  byTeam: GroupHealth[];
  /** Routed leads needing someone now: no response and at risk or breached, or stuck with no decision; most urgent first. */
  attention: { contactId: string; name?: string; ownerId?: string; ownerName?: string; status: SlaStatus | 'stuck'; slaDueAt: string; remainingBusinessMinutes: number; stuckBusinessMinutes?: number; decisionDueAt?: string }[];
  /** Rejections by source; `labels` (filled by the adapter from the portal and the policy) says what people read for each code. */
  rejectionsBySource: { source: string; reasons: Record<string, number>; total: number }[];
  labels?: { sources: Record<string, string>; reasons: Record<string, string> };
  /** Who the view was filtered for (visibleHealth), when it was. */
  audience?: { scope: string; who: string };
  byPolicyVersion: Record<string, number>;
  /**
   * The deals these MQLs became, valued as HubSpot holds their amounts now, in the portal's
   * currency (filled by the adapter): how many deals, how many of them have an amount, the total.
   */
  pipeline?: { deals: number; withAmount: number; total: string; currency: string };
  /** Reassignments for a missed SLA per handoff, most first (the policy's limit applies to each). */
  reassignments: { max: number; total: number; limit?: number };
  recycleRate?: number;
  reMqls: number;
}

type Counted = 'met' | 'missed' | 'breached' | 'pending';

/** How an attempt counts at `now`: withdrawn attempts (the lead moved on in time) count for nobody. */
function countedAs(a: SlaAttempt, now: Date): Counted | undefined {
  if (a.result === 'met' || a.result === 'missed') return a.result;
  if (a.result === 'withdrawn') return undefined;
  return now.getTime() > a.dueAt.getTime() ? 'breached' : 'pending';
}

/** The SLA tally of a set of attempts at `now`. */
export function tallyAttempts(attempts: readonly SlaAttempt[], now: Date): SlaTally {
  const counted = attempts.map((a) => countedAs(a, now));
  const n = (k: Counted) => counted.filter((c) => c === k).length;
  const met = n('met');
  const missed = n('missed');
  const breachedOpen = n('breached');
  const pendingOpen = n('pending');
  const responses = attempts.map((a) => a.responseMinutes).filter((m): m is number => m !== undefined);
  const touches = attempts.map((a) => a.firstTouchMinutes).filter((m): m is number => m !== undefined);
  const beforeClock = touches.filter((m) => m === 0).length;
  const put = (k: keyof SlaTally, v: number | undefined) => (v === undefined ? {} : { [k]: v });
  const medianTouch = percentile(touches, 50);
  const medianResponse = percentile(responses, 50);
  const zero = medianTouch === 0 || medianResponse === 0;
  return {
    attempts: met + missed + breachedOpen + pendingOpen,
    met,
    missed,
    breachedOpen,
    pendingOpen,
    ...put('compliance', rate(met, met + missed + breachedOpen)),
    ...put('medianResponseMinutes', medianResponse),
    ...put('p90ResponseMinutes', percentile(responses, 90)),
    ...put('medianFirstTouchMinutes', medianTouch),
    ...put('p90FirstTouchMinutes', percentile(touches, 90)),
    firstTouches: touches.length,
    firstTouchesBeforeClock: beforeClock,
    ...(zero
      ? { zeroMedianWhy: `${beforeClock} of ${touches.length} first touch${touches.length === 1 ? ' was' : 'es were'} logged outside working hours, before the owner's SLA clock started (0 business minutes)` }
      : {}),
  };
}

/**
 * The handoff health of a cohort: the handoffs that became MQLs in the period. The funnel counts
 * handoffs; SLA compliance, response time and time to first touch count attempts, each credited
 * to the owner who held it (and their team). Pure: the facts are read by an adapter; `now`
 * reads open SLAs. The home page and the audit both call this on the same facts.
 */
export function handoffHealth(facts: readonly HandoffFacts[], period: Period, policy: HandoffPolicy, now: Date): HandoffHealth {
  const inPeriod = (d?: Date) => d !== undefined && d >= period.from && d < period.to;
  const cohort = facts.filter((f) => inPeriod(f.mqlAt));
  const sql = cohort.filter((f) => f.acceptedAt || f.convertedAt);
  const opp = cohort.filter((f) => f.convertedAt);
  const attempts = cohort.flatMap((f) => f.attempts.map((a) => ({ a, f })));

  const group = (key: (a: SlaAttempt) => string | undefined, name: (id: string) => string, role?: (id: string) => GroupHealth['role']): GroupHealth[] => {
    const by = new Map<string, { a: SlaAttempt; f: HandoffFacts }[]>();
    for (const x of attempts) {
      const k = key(x.a);
      if (k) groupInto(by, k, x);
    }
    return [...by.entries()]
      .map(([id, g]) => {
        const r = role?.(id);
        return {
          id,
          name: name(id),
          ...(r ? { role: r } : {}),
          accepted: g.filter((x) => x.a.respondedBy === 'accept' || (x.f.acceptedAt && x.a === currentAttempt(x.f.attempts))).length,
          rejected: g.filter((x) => x.a.respondedBy === 'reject' || (x.a.endedWhy?.startsWith('rejected') ?? false)).length,
          ...tallyAttempts(g.map((x) => x.a), now),
        };
      })
      .filter((g) => g.attempts > 0)
      .sort((a, b) => b.attempts - a.attempts || a.name.localeCompare(b.name));
  };
  const ownerName = (id: string) => personByOwnerId(policy, id)?.name ?? `Owner ${id}`;
  const roleOf = (id: string): GroupHealth['role'] => {
    const p = personByOwnerId(policy, id);
    if (!p) return undefined;
    if (p.id === policy.routing.fallback.owner) return 'fallback';
    return p.role;
  };

  const attention = facts
    .filter((f) => f.stage === 'routed')
    .flatMap((f) => {
      const a = currentAttempt(f.attempts);
      if (!a) return [];
      const calendar = ownerCalendar(policy, a.ownerId);
      const reading = readAttempt(a, now, policy, calendar);
      const stuck = isStuck(a, f.stage, now);
      const late = a.result === 'open' && (reading.status === 'at_risk' || reading.status === 'breached');
      if (!late && !stuck) return [];
      return [
        {
          contactId: f.contactId,
          ...(f.name ? { name: f.name } : {}),
          ownerId: a.ownerId,
          ownerName: ownerName(a.ownerId),
          status: late ? reading.status : ('stuck' as const),
          slaDueAt: a.dueAt.toISOString(),
          remainingBusinessMinutes: reading.remainingMinutes,
          ...(stuck ? { stuckBusinessMinutes: businessMinutesBetween(a.decisionDueAt!, now, calendar), decisionDueAt: a.decisionDueAt!.toISOString() } : {}),
          sortAt: late ? a.dueAt.getTime() : a.decisionDueAt!.getTime(),
        },
      ];
    })
    .sort((a, b) => a.sortAt - b.sortAt)
    .map(({ sortAt: _s, ...rest }) => rest);

  const rejections = new Map<string, Record<string, number>>();
  for (const f of cohort.filter((x) => x.rejectionReason)) {
    const src = f.source ?? 'UNKNOWN';
    const reasons = rejections.get(src) ?? {};
    reasons[f.rejectionReason!] = (reasons[f.rejectionReason!] ?? 0) + 1;
    rejections.set(src, reasons);
  }
  const byPolicyVersion: Record<string, number> = {};
  for (const f of cohort) if (f.policyVersion) byPolicyVersion[f.policyVersion] = (byPolicyVersion[f.policyVersion] ?? 0) + 1;
  const recycled = cohort.filter((f) => f.recycledAt).length;
  const funnelRate = (a: number, b: number, key: string) => {
    const r = rate(a, b);
    return r === undefined ? {} : { [key]: r };
  };
  const recycleRate = rate(recycled, cohort.length);
  const reassigned = cohort.map((f) => f.attempts.filter((a) => a.source === 'reassign').length);
  const limit = policy.escalation.maxReassignments;

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label },
    policyVersion: policy.version,
    funnel: {
      mql: cohort.length,
      sql: sql.length,
      opportunity: opp.length,
      recycled,
      rejected: cohort.filter((f) => f.rejectedAt).length,
      ...funnelRate(sql.length, cohort.length, 'mqlToSql'),
      ...funnelRate(opp.length, sql.length, 'sqlToOpportunity'),
      ...funnelRate(opp.length, cohort.length, 'mqlToOpportunity'),
    },
    sla: tallyAttempts(attempts.map((x) => x.a), now),
    byOwner: group((a) => a.ownerId, ownerName, roleOf),
    byTeam: group((a) => personByOwnerId(policy, a.ownerId)?.team, (id) => policy.teams.find((t) => t.id === id)?.name ?? id),
    attention,
    rejectionsBySource: [...rejections.entries()].map(([source, reasons]) => ({ source, reasons, total: Object.values(reasons).reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total),
    byPolicyVersion,
    reassignments: { max: Math.max(0, ...reassigned), total: reassigned.reduce((a, b) => a + b, 0), ...(limit !== undefined ? { limit } : {}) },
    ...(recycleRate !== undefined ? { recycleRate } : {}),
    reMqls: cohort.filter((f) => (f.handoffCount ?? 1) > 1).length,
  };
}
