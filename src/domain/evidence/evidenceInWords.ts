import type { Difference } from './scoreIntervals.js';
import { EVIDENCE_VERDICT_LABELS } from '../labels/labels.js';
import { isDecided } from './leadOutcome.js';
import type { Comparison, CriterionEvidence, EvidenceReport, JudgedLead, SignalEvidence, Tally } from './weighEvidence.js';

// The evidence as a head of sales reads it: every figure with the leads it rests on, how sure it
// is, and what history cannot tell. The app page, the CLI and the docs read these sentences.

const pct = (x: number) => `${Math.round(x * 100)}%`;
const points = (x: number) => `${Math.abs(Math.round(x * 100))} point${Math.abs(Math.round(x * 100)) === 1 ? '' : 's'}`;
const signed = (x: number) => {
  const n = Math.round(x * 100);
  return n === 0 ? '0' : `${n > 0 ? '+' : '−'}${Math.abs(n)}`;
};
const rate = (part: number, t: Tally) => (t.leads ? `${pct(part / t.leads)} (${part} of ${t.leads})` : 'none decided');

/** "+21 points (+12 to +30)": a difference and its interval, in percentage points. */
export function differenceInWords(d: Difference | null): string {
  return d ? `${signed(d.difference)} point${Math.abs(Math.round(d.difference * 100)) === 1 ? '' : 's'} (${signed(d.low)} to ${signed(d.high)})` : '—';
}

/** One sentence on one comparison: both rates with their counts, the difference and how sure it is. */
export function comparisonInWords(c: Comparison, subject: { met: string; notMet: string; every: string }, family: { confidence: number; comparisons: number }, minimum: number): string {
  const decided = c.met.leads + c.notMet.leads;
  if (decided === 0) return 'No lead in the period was decided yet: nothing to compare.';
  if (c.verdict === 'no-contrast') return `${c.met.leads === 0 ? 'None' : decided === 1 ? 'The one' : 'Every one'} of the ${decided} decided lead${decided === 1 ? '' : 's'} ${subject.every}: history has nothing to compare ${c.met.leads === 0 ? 'it' : 'them'} with.`;
  const rates = `Accepted ${rate(c.met.accepted, c.met)} when it ${subject.met}, ${rate(c.notMet.accepted, c.notMet)} when it ${subject.notMet}`;
  if (c.verdict === 'too-few') {
    const small = Math.min(c.met.leads, c.notMet.leads);
    return `${rates}. ${small} decided lead${small === 1 ? '' : 's'} on one side: too few to tell (${minimum} needed on each).`;
  }
  const d = c.acceptance!;
  const sure = `${pct(family.confidence)} sure${family.comparisons > 1 ? ` reading ${family.comparisons} at once` : ''}`;
  const range = `between ${points(Math.min(Math.abs(d.low), Math.abs(d.high)))} and ${points(Math.max(Math.abs(d.low), Math.abs(d.high)))}`;
  if (c.verdict === 'helps') return `${rates}: ${points(d.difference)} more often (${sure}: ${range} more).`;
  if (c.verdict === 'hurts') return `${rates}: ${points(d.difference)} less often (${sure}: ${range} less).`;
  return `${rates}: the difference could be anything from ${signed(d.low)} to ${signed(d.high)} points (${sure}), so no clear difference.`;
}

/** Deals take time: MQLs younger than this are too recent for many to have become opportunities. */
export const RECENT_MQL_DAYS = 30;

/** How many decided leads became MQLs within RECENT_MQL_DAYS of `now`. */
export function recentlyDecided(leads: readonly JudgedLead[], now: Date): number {
  return leads.filter((l) => isDecided(l.outcome) && l.mqlAt && now.getTime() - l.mqlAt.getTime() < RECENT_MQL_DAYS * 86_400_000).length;
}

export interface EvidenceContext {
  /** Whether the criteria were read as recorded at routing, or by a policy over an export. */
  judged: 'recorded' | 'policy';
  now: Date;
  /** Decided leads that became MQLs within `recentDays` of now. */
  recentDecided: number;
  recentDays: number;
}

/** What the numbers cannot say, in words, next to them. */
export function evidenceLimits(report: EvidenceReport, context: EvidenceContext): string[] {
  const limits = [
    'Only leads that became MQLs were worked by sales. History shows how the leads a criterion let in did, never how the leads it kept out would have done: it can support tightening the definition, not loosening it. Disqualifiers are not judged for the same reason.',
    'A difference goes with a criterion; it does not prove the criterion causes it. Reps differ in effort and skill, and the leads a criterion lets in may have gone to different reps, teams or seasons.',
    `Open leads (${report.open}) are left out until sales decides on them. A rejected or recycled lead counts as not accepted.`,
    `Each interval is ${Math.round(report.confidence * 100)}% sure for all of them read together (Bonferroni: ${report.families.criteria.comparisons} criteria${report.signals.length ? `, and separately ${report.families.signals.comparisons} signal values` : ''}). A verdict needs ${report.minimumDecided} decided leads on each side.`,
  ];
  if (context.recentDecided > 0) limits.push(`${context.recentDecided} of the ${report.decided} decided leads became MQLs in the last ${context.recentDays} days: too soon for many deals to be created, so opportunity rates are lower than they will be.`);
  if (context.judged === 'recorded') {
    const notJudged = Math.max(0, ...report.criteria.map((c) => c.notJudged));
    limits.push(`Criteria are judged as they were recorded when each lead was routed, with the values seen then.${notJudged ? ` Up to ${notJudged} leads were routed before a criterion existed and are not counted for it.` : ''}${report.signals.length ? ' The other signals are read from HubSpot as they are now.' : ''}`);
  } else {
    limits.push('Criteria are judged by the policy given, on each lead\'s values in the export at its MQL date: values that changed since are read as they are now.');
  }
  return limits;
}

export interface DescribedCriterion extends CriterionEvidence {
  verdictLabel: string;
  /** The comparison in one sentence. */
  reading: string;
}
export interface DescribedSignal extends SignalEvidence {
  verdictLabel: string;
  reading: string;
}
export interface DescribedEvidence extends Omit<EvidenceReport, 'criteria' | 'signals'> {
  criteria: DescribedCriterion[];
  signals: DescribedSignal[];
  limits: string[];
}

/** The report with each row's verdict label and sentence, and the limits: what every surface shows. */
export function describeEvidence(report: EvidenceReport, context: EvidenceContext): DescribedEvidence {
  const { criteria: cf, signals: sf } = report.families;
  return {
    ...report,
    criteria: report.criteria.map((c) => ({ ...c, verdictLabel: EVIDENCE_VERDICT_LABELS[c.verdict], reading: comparisonInWords(c, { met: 'was met', notMet: 'was not', every: 'met it' }, { confidence: report.confidence, comparisons: cf.comparisons }, report.minimumDecided) })),
    signals: report.signals.map((s) => ({ ...s, verdictLabel: EVIDENCE_VERDICT_LABELS[s.verdict], reading: comparisonInWords(s, { met: `was "${s.value}"`, notMet: 'was anything else', every: `had "${s.value}"` }, { confidence: report.confidence, comparisons: sf.comparisons }, report.minimumDecided) })),
    limits: evidenceLimits(report, context),
  };
}
