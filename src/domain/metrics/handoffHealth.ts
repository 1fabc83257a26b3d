import type { HandoffPolicy } from '../policy/policy.schema.js';
import { ownerCalendar, personByOwnerId } from '../decisions/handoffOf.js';
import { readSla, type SlaStatus } from '../sla/sla.js';
import type { HandoffFacts } from './handoffFacts.js';
import { percentile, rate } from './percentile.js';
import { groupInto } from './groupInto.js';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
  label: string;
}

export interface SlaTally {
  met: number;
  missed: number;
  /** Still waiting for a first touch, past due. */
  breachedOpen: number;
  /** Still waiting, within the SLA. */
  pendingOpen: number;
  /** met / (met + missed + breachedOpen), in %. */
  compliance?: number;
  medianFirstTouchMinutes?: number;
  p90FirstTouchMinutes?: number;
}

export interface GroupHealth extends SlaTally {
  id: string;
  name: string;
  mqls: number;
  accepted: number;
  rejected: number;
}

export interface HandoffHealth {
  period: { from: string; to: string; label: string };
  policyVersion: string;
  funnel: { mql: number; sql: number; opportunity: number; recycled: number; rejected: number; mqlToSql?: number; sqlToOpportunity?: number; mqlToOpportunity?: number };
  sla: SlaTally;
  byOwner: GroupHealth[];
  byTeam: GroupHealth[];
  /** Routed and waiting for a first touch now, at risk or breached, most urgent first. */
  attention: { contactId: string; name?: string; ownerId?: string; ownerName?: string; status: SlaStatus; slaDueAt: string; remainingBusinessMinutes: number }[];
  rejectionsBySource: { source: string; reasons: Record<string, number>; total: number }[];
  byPolicyVersion: Record<string, number>;
  recycleRate?: number;
  reMqls: number;
}

/**
 * The handoff health of a cohort: the contacts that became MQLs in the period. Pure: the facts
 * are read from HubSpot in one step by an adapter; `now` reads open SLAs.
 */
export function handoffHealth(facts: readonly HandoffFacts[], period: Period, policy: HandoffPolicy, now: Date): HandoffHealth {
  const inPeriod = (d?: Date) => d !== undefined && d >= period.from && d < period.to;
  const cohort = facts.filter((f) => inPeriod(f.mqlAt));
  const sql = cohort.filter((f) => f.acceptedAt || f.convertedAt);
  const opp = cohort.filter((f) => f.convertedAt);

  const slaOf = (f: HandoffFacts): 'met' | 'missed' | 'breached' | 'pending' | undefined => {
    if (!f.routedAt || !f.slaDueAt) return undefined;
    if (f.firstTouchAt) return f.firstTouchAt <= f.slaDueAt ? 'met' : 'missed';
    if (f.stage !== 'routed') return now > f.slaDueAt ? 'missed' : undefined;
    return now > f.slaDueAt ? 'breached' : 'pending';
  };
  const tally = (group: readonly HandoffFacts[]): SlaTally => {
    const s = group.map(slaOf);
    const met = s.filter((x) => x === 'met').length;
    const missed = s.filter((x) => x === 'missed').length;
    const breachedOpen = s.filter((x) => x === 'breached').length;
    const touches = group.map((f) => f.timeToFirstTouchMinutes).filter((m): m is number => m !== undefined);
    const compliance = rate(met, met + missed + breachedOpen);
    const median = percentile(touches, 50);
    const p90 = percentile(touches, 90);
    return {
      met,
      missed,
      breachedOpen,
      pendingOpen: s.filter((x) => x === 'pending').length,
      ...(compliance !== undefined ? { compliance } : {}),
      ...(median !== undefined ? { medianFirstTouchMinutes: median } : {}),
      ...(p90 !== undefined ? { p90FirstTouchMinutes: p90 } : {}),
    };
  };
  const group = (key: (f: HandoffFacts) => string | undefined, name: (id: string) => string): GroupHealth[] => {
    const by = new Map<string, HandoffFacts[]>();
    for (const f of cohort) {
      const k = key(f);
      if (k) groupInto(by, k, f);
    }
    return [...by.entries()]
      .map(([id, g]) => ({ id, name: name(id), mqls: g.length, accepted: g.filter((f) => f.acceptedAt).length, rejected: g.filter((f) => f.rejectedAt).length, ...tally(g) }))
      .sort((a, b) => b.mqls - a.mqls || a.name.localeCompare(b.name));
  };
  const routedTo = (f: HandoffFacts) => f.routedOwnerId ?? f.ownerId;
  const ownerName = (id: string) => personByOwnerId(policy, id)?.name ?? `Owner ${id}`;
  const teamOf = (f: HandoffFacts) => personByOwnerId(policy, routedTo(f))?.team;

  const attention = facts
    .filter((f) => f.stage === 'routed' && f.routedAt && f.slaDueAt && !f.firstTouchAt)
    .map((f) => {
      const reading = readSla({ start: f.routedAt!, due: f.slaDueAt!, calendar: ownerCalendar(policy, f.ownerId) }, now, policy.sla.atRiskPercent);
      return { f, reading };
    })
    .filter(({ reading }) => reading.status === 'at_risk' || reading.status === 'breached')
    .sort((a, b) => a.f.slaDueAt!.getTime() - b.f.slaDueAt!.getTime())
    .map(({ f, reading }) => ({
      contactId: f.contactId,
      ...(f.name ? { name: f.name } : {}),
      ...(f.ownerId ? { ownerId: f.ownerId, ownerName: ownerName(f.ownerId) } : {}),
      status: reading.status,
      slaDueAt: f.slaDueAt!.toISOString(),
      remainingBusinessMinutes: reading.remainingMinutes,
    }));

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
    sla: tally(cohort),
    byOwner: group(routedTo, ownerName),
    byTeam: group(teamOf, (id) => policy.teams.find((t) => t.id === id)?.name ?? id),
    attention,
    rejectionsBySource: [...rejections.entries()].map(([source, reasons]) => ({ source, reasons, total: Object.values(reasons).reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total),
    byPolicyVersion,
    ...(recycleRate !== undefined ? { recycleRate } : {}),
    reMqls: cohort.filter((f) => (f.handoffCount ?? 1) > 1).length,
  };
}
