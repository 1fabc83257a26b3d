import { count } from '../domain/index.js';
import type { AuditResult } from './runAudit.js';

const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${v}%`);
const dur = (m: number | undefined) => (m === undefined ? 'n/a' : m < 60 ? `${m} min` : m < 2880 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} days`);

/** The audit as a terminal summary a manager can read. */
export function auditSummary(a: AuditResult): string[] {
  const lines: string[] = [];
  if (a.mode === 'handoff') {
    const f = a.funnel;
    lines.push(`Handoff health, ${a.period.label} (measured from Handoff's properties, policy ${a.policyVersion})`);
    lines.push(`  MQL → SQL → opportunity: ${f.mql} → ${f.sql} (${pct(f.mqlToSql)}) → ${f.opportunity} (${pct(f.mqlToOpportunity)} of MQLs)`);
    lines.push(`  SLA compliance: ${pct(a.sla.compliance)} over ${count(a.sla.attempts, 'attempt')} (met ${a.sla.met}, missed ${a.sla.missed}, breached and still open ${a.sla.breachedOpen}); each owner's turn counts for them`);
    lines.push(`  response time (business time): median ${dur(a.sla.medianResponseMinutes)}, p90 ${dur(a.sla.p90ResponseMinutes)}`);
    lines.push(`  time to first touch (business time): median ${dur(a.sla.medianFirstTouchMinutes)}, p90 ${dur(a.sla.p90FirstTouchMinutes)}${a.sla.zeroMedianWhy ? ` (${a.sla.zeroMedianWhy})` : ''}`);
    lines.push(`  reassignments: at most ${a.reassignments.max} on one handoff${a.reassignments.limit !== undefined ? ` (the policy allows ${a.reassignments.limit})` : ''}, ${a.reassignments.total} in all`);
    lines.push(`  rejected ${f.rejected}, recycled ${f.recycled} (${pct(a.recycleRate)}), re-MQLs ${a.reMqls}`);
    for (const o of a.byOwner) lines.push(`  ${o.name}${o.role && o.role !== 'rep' ? ` (${o.role === 'fallback' ? 'routing fallback' : o.role})` : ''}: ${count(o.attempts, 'attempt')}, SLA ${pct(o.compliance)} (met ${o.met}, missed ${o.missed + o.breachedOpen}), median response ${dur(o.medianResponseMinutes)}, median first touch ${dur(o.medianFirstTouchMinutes)}${o.zeroMedianWhy ? ` (${o.zeroMedianWhy})` : ''}`);
    if (a.attention.length) {
      const stuck = a.attention.filter((x) => x.status === 'stuck').length;
      lines.push(`  needs attention now: ${count(a.attention.length - stuck, 'lead')} at risk or breached, ${stuck} stuck with no accept or reject`);
    }
    return lines;
  }
  const f = a.funnel;
  lines.push(`Handoff audit, ${a.period.label} (inferred from HubSpot's standard properties: this portal does not use Handoff)`);
  lines.push(`  MQL → SQL → opportunity → customer: ${f.mql} → ${f.sql} (${pct(f.mqlToSql)}) → ${f.opportunity} (${pct(f.mqlToOpportunity)} of MQLs) → ${f.customer}`);
  lines.push(`  MQL to owner assigned: median ${dur(a.ownerAssignment.medianMinutes)}, p90 ${dur(a.ownerAssignment.p90Minutes)}; ${count(a.ownerAssignment.unassigned, 'MQL')} never got an owner`);
  lines.push(`  contacted: ${a.firstTouch.touched} of ${f.mql}; first touch known exactly for ${a.firstTouch.exact}: median ${dur(a.firstTouch.medianMinutes)}, p90 ${dur(a.firstTouch.p90Minutes)} (calendar time)`);
  lines.push(`  stuck: ${count(a.stuck.mqlWithoutOwner, 'MQL')} with no owner, ${a.stuck.ownedNeverTouched} owned but never contacted`);
  for (const s of a.bySource) lines.push(`  ${s.sourceLabel ?? s.source}: ${count(s.mql, 'MQL')} → ${count(s.opportunity, 'opportunity', 'opportunities')} (${pct(s.mqlToOpportunity)})`);
  lines.push('  could not know:');
  for (const c of a.cannotKnow) lines.push(`    - ${c}`);
  return lines;
}
