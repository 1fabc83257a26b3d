import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { Period } from './handoffHealth.js';
import { percentile, rate } from './percentile.js';
import { personByOwnerId } from '../decisions/handoffOf.js';
import { groupInto } from './groupInto.js';

/** What HubSpot's standard properties say about one contact (a portal that never used Handoff). */
export interface StandardFacts {
  contactId: string;
  source?: string;
  ownerId?: string;
  mqlAt?: Date;
  sqlAt?: Date;
  opportunityAt?: Date;
  customerAt?: Date;
  ownerAssignedAt?: Date;
  lastContactedAt?: Date;
  timesContacted?: number;
}

export interface InferredHealth {
  period: { from: string; to: string; label: string };
  mode: 'inferred';
  funnel: { mql: number; sql: number; opportunity: number; customer: number; mqlToSql?: number; mqlToOpportunity?: number; sqlToOpportunity?: number; opportunityToCustomer?: number };
  /** MQL → owner assigned, in minutes of calendar time (HubSpot's owner-assigned date). */
  ownerAssignment: { assigned: number; unassigned: number; medianMinutes?: number; p90Minutes?: number };
  /** First touch is known exactly only for leads contacted once (then last contacted is the first). */
  firstTouch: { touched: number; untouched: number; exact: number; medianMinutes?: number; p90Minutes?: number };
  /** `sourceLabel` is filled by the adapter from the portal's option labels. */
  bySource: { source: string; sourceLabel?: string; mql: number; sql: number; opportunity: number; mqlToOpportunity?: number }[];
  byOwner: { ownerId: string; name: string; mqls: number; touched: number; sql: number }[];
  stuck: { mqlWithoutOwner: number; ownedNeverTouched: number };
  computed: string[];
  cannotKnow: string[];
}

const minutes = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/**
 * "Is our handoff broken?" from standard properties alone: lifecycle-stage dates, owner-assigned
 * date and last contacted. Says what it computed and what it cannot know without Handoff.
 */
export function inferredHealth(facts: readonly StandardFacts[], period: Period, policy: HandoffPolicy): InferredHealth {
  const cohort = facts.filter((f) => f.mqlAt && f.mqlAt >= period.from && f.mqlAt < period.to);
  const sql = cohort.filter((f) => f.sqlAt || f.opportunityAt || f.customerAt);
  const opp = cohort.filter((f) => f.opportunityAt || f.customerAt);
  const customer = cohort.filter((f) => f.customerAt);
  const assignedAfter = cohort.filter((f) => f.ownerAssignedAt).map((f) => minutes(f.mqlAt!, f.ownerAssignedAt!));
  const exact = cohort.filter((f) => f.timesContacted === 1 && f.lastContactedAt);
  const firstTouchMinutes = exact.map((f) => minutes(f.ownerAssignedAt && f.ownerAssignedAt > f.mqlAt! ? f.ownerAssignedAt : f.mqlAt!, f.lastContactedAt!));
  const touched = cohort.filter((f) => (f.timesContacted ?? 0) > 0 || f.lastContactedAt);
  const put = <T extends object>(o: T, k: string, v: number | undefined): T => (v === undefined ? o : { ...o, [k]: v });

  const sources = new Map<string, StandardFacts[]>();
  for (const f of cohort) groupInto(sources, f.source ?? 'UNKNOWN', f);
  const owners = new Map<string, StandardFacts[]>();
  for (const f of cohort) if (f.ownerId) groupInto(owners, f.ownerId, f);

  let funnel: InferredHealth['funnel'] = { mql: cohort.length, sql: sql.length, opportunity: opp.length, customer: customer.length };
  funnel = put(funnel, 'mqlToSql', rate(sql.length, cohort.length));
  funnel = put(funnel, 'mqlToOpportunity', rate(opp.length, cohort.length));
  funnel = put(funnel, 'sqlToOpportunity', rate(opp.length, sql.length));
  funnel = put(funnel, 'opportunityToCustomer', rate(customer.length, opp.length));
  let ownerAssignment: InferredHealth['ownerAssignment'] = { assigned: assignedAfter.length, unassigned: cohort.length - assignedAfter.length };
  ownerAssignment = put(ownerAssignment, 'medianMinutes', percentile(assignedAfter, 50));
  ownerAssignment = put(ownerAssignment, 'p90Minutes', percentile(assignedAfter, 90));
  let firstTouch: InferredHealth['firstTouch'] = { touched: touched.length, untouched: cohort.length - touched.length, exact: exact.length };
  firstTouch = put(firstTouch, 'medianMinutes', percentile(firstTouchMinutes, 50));
  firstTouch = put(firstTouch, 'p90Minutes', percentile(firstTouchMinutes, 90));

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label },
    mode: 'inferred',
    funnel,
    ownerAssignment,
    firstTouch,
    bySource: [...sources.entries()]
      .map(([source, g]) => {
        const o = g.filter((f) => f.opportunityAt || f.customerAt).length;
        return put({ source, mql: g.length, sql: g.filter((f) => f.sqlAt || f.opportunityAt || f.customerAt).length, opportunity: o }, 'mqlToOpportunity', rate(o, g.length));
      })
      .sort((a, b) => b.mql - a.mql || a.source.localeCompare(b.source)),
    byOwner: [...owners.entries()]
      .map(([ownerId, g]) => ({ ownerId, name: personByOwnerId(policy, ownerId)?.name ?? `Owner ${ownerId}`, mqls: g.length, touched: g.filter((f) => (f.timesContacted ?? 0) > 0 || f.lastContactedAt).length, sql: g.filter((f) => f.sqlAt || f.opportunityAt || f.customerAt).length }))
      .sort((a, b) => b.mqls - a.mqls || a.ownerId.localeCompare(b.ownerId)),
    stuck: { mqlWithoutOwner: cohort.filter((f) => !f.ownerId).length, ownedNeverTouched: cohort.filter((f) => f.ownerId && !((f.timesContacted ?? 0) > 0 || f.lastContactedAt)).length },
    computed: [
      'MQL → SQL → opportunity → customer counts and rates (HubSpot lifecycle-stage dates)',
      'time from MQL to owner assignment (hubspot_owner_assigneddate)',
      'MQLs never contacted, and MQLs with no owner (stuck leads)',
      'conversion by original source and by owner',
    ],
    cannotKnow: [
      touched.length > exact.length
        ? `time to first touch for the ${touched.length - exact.length} leads contacted more than once: HubSpot keeps only the last contact date (known exactly for the ${exact.length} contacted once)`
        : `time to first touch in business hours: HubSpot's dates are calendar time, and there is no agreed calendar (known exactly, in calendar time, for all ${exact.length} contacted leads: each was contacted once)`,
      'SLA compliance: there was no agreed SLA clock (no routed time, no due time in business hours)',
      'rejection reasons: sales had no agreed list and no place to record them',
      'recycle and re-MQL rates: a lifecycle stage moved backwards leaves no standard trace',
      'which routing rule or policy version assigned each lead',
    ],
  };
}

