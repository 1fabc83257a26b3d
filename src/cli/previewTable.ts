import type { LeadsDid, PolicyPreview } from '../domain/index.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const change = (a: number, b: number) => (b === a ? '' : ` (${b > a ? '+' : '−'}${Math.abs(b - a)})`);
const did = (d: LeadsDid) => `${d.leads} leads; ${d.decided} decided by sales, ${d.accepted} accepted, ${d.opportunities} became opportunities`;

/** The preview as a terminal report: both versions side by side, what moves, owners and teams, the changes in words. */
export function previewTable(p: PolicyPreview, title: string): string[] {
  const lines = [title, ''];
  lines.push(`${''.padEnd(28)} ${`current ${p.current.version}`.padEnd(22)} proposed ${p.proposed.version}`);
  lines.push(`${'MQLs'.padEnd(28)} ${`${p.current.mqls} (${pct(p.current.mqlRate)})`.padEnd(22)} ${p.proposed.mqls} (${pct(p.proposed.mqlRate)})${change(p.current.mqls, p.proposed.mqls)}`);
  lines.push(`${'disqualified'.padEnd(28)} ${String(p.current.disqualified).padEnd(22)} ${p.proposed.disqualified}${change(p.current.disqualified, p.proposed.disqualified)}`);
  lines.push(`${'sent to the fallback owner'.padEnd(28)} ${String(p.current.toFallback).padEnd(22)} ${p.proposed.toFallback}${change(p.current.toFallback, p.proposed.toFallback)}`);
  lines.push('', `Newly out (MQLs now, not under the proposal): ${did(p.newlyOut)}.`);
  lines.push(`Newly in (MQLs only under the proposal): ${did(p.newlyIn)}. Sales never worked most of them: history cannot tell how they would do.`);
  if (p.movedOwner) lines.push(`${p.movedOwner} leads stay MQLs but go to another owner.`);
  lines.push('', 'The changes, criterion by criterion (a lead can count under more than one):');
  if (!p.changes.length) lines.push('  the MQL definition is the same in both versions');
  for (const c of p.changes) lines.push(`  - ${c.sentence}`);
  lines.push('', `Leads per owner (${p.leads} leads over ${p.weeks} weeks):`);
  for (const o of p.owners) lines.push(`  ${o.name.padEnd(18)} ${o.team.padEnd(30)} ${String(o.current).padStart(5)} → ${String(o.proposed).padStart(5)}${change(o.current, o.proposed)}`);
  lines.push('', 'SLA load per team, per week (MQLs; business hours of first-touch SLA due):');
  for (const t of p.teams) lines.push(`  ${t.name.padEnd(34)} ${String(t.current.leadsPerWeek).padStart(6)} MQLs, ${String(t.current.slaHoursPerWeek).padStart(6)} h → ${String(t.proposed.leadsPerWeek).padStart(6)} MQLs, ${String(t.proposed.slaHoursPerWeek).padStart(6)} h`);
  return lines;
}
