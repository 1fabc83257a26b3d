import type { DescribedEvidence, Tally } from '../domain/index.js';
import { differenceInWords } from '../domain/index.js';

const rate = (part: number, t: Tally) => (t.leads ? `${String(Math.round((part / t.leads) * 100)).padStart(3)}%` : '   —');
const side = (t: Tally) => `${String(t.leads).padStart(5)} ${rate(t.accepted, t)} ${rate(t.opportunities, t)}`;

/** The evidence as a terminal table: per criterion (indented by group), met against not met, the differences and the verdict; then the signals and the limits. */
export function evidenceTable(e: DescribedEvidence, title: string): string[] {
  const lines = [title, `${e.decided} decided MQLs (accepted, converted, rejected or recycled); ${e.open} still open, left out.`, ''];
  const header = `${'criterion'.padEnd(46)} ${'met: leads acc opp'.padEnd(18)}  ${'not met: leads acc opp'.padEnd(22)}  ${'acceptance difference'.padEnd(24)} ${'opportunity difference'.padEnd(24)} verdict`;
  lines.push(header);
  for (const c of e.criteria) {
    const name = `${'  '.repeat(c.within.length)}${c.kind === 'group' ? `${c.label} (group)` : c.label}`;
    lines.push(`${name.slice(0, 46).padEnd(46)} ${side(c.met).padEnd(18)}  ${side(c.notMet).padEnd(22)}  ${differenceInWords(c.acceptance).padEnd(24)} ${differenceInWords(c.opportunity).padEnd(24)} ${c.verdictLabel}`);
  }
  if (e.signals.length) {
    lines.push('', 'Other signals (candidates for the definition), each value against every other:');
    for (const s of e.signals) lines.push(`${`${s.label}: ${s.value}`.slice(0, 46).padEnd(46)} ${side(s.met).padEnd(18)}  ${side(s.notMet).padEnd(22)}  ${differenceInWords(s.acceptance).padEnd(24)} ${differenceInWords(s.opportunity).padEnd(24)} ${s.verdictLabel}`);
  }
  lines.push('', 'In words:');
  for (const c of e.criteria.filter((c) => c.verdict === 'helps' || c.verdict === 'hurts')) lines.push(`  ${c.label}: ${c.reading}`);
  for (const s of e.signals.filter((s) => s.verdict === 'helps' || s.verdict === 'hurts')) lines.push(`  ${s.label} "${s.value}": ${s.reading}`);
  lines.push('', 'What this cannot tell:');
  for (const l of e.limits) lines.push(`  - ${l}`);
  return lines;
}
