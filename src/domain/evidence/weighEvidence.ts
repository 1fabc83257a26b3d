import type { DefinitionCriterion } from './definitionCriteria.js';
import { isAccepted, isDecided, type LeadOutcome } from './leadOutcome.js';
import { familyZ, newcombeDifference, type Difference } from './scoreIntervals.js';

/** One MQL as the evidence sees it: which criteria it met (by key), what sales did, and the values of the signals asked about. */
export interface JudgedLead {
  id: string;
  /** When it became an MQL (for "too recent for deals to close"). */
  mqlAt?: Date;
  /** Each criterion's result by key; a criterion missing here was not judged for this lead. */
  met: Readonly<Record<string, boolean>>;
  outcome: LeadOutcome;
  /** The value people read for each signal field ("" when the lead has none). */
  signals?: Readonly<Record<string, string>>;
}

export interface Tally {
  leads: number;
  accepted: number;
  opportunities: number;
}

export type EvidenceVerdict = 'too-few' | 'no-contrast' | 'helps' | 'hurts' | 'no-evidence';

export interface Comparison {
  met: Tally;
  notMet: Tally;
  /** Acceptance rate of the met group minus the not-met group's, with its family-wise interval. */
  acceptance: Difference | null;
  opportunity: Difference | null;
  verdict: EvidenceVerdict;
}

export interface CriterionEvidence extends Comparison {
  id: string;
  label: string;
  kind: 'criterion' | 'group';
  within: string[];
  /** Decided leads for which this criterion was not recorded (it was added after they were routed). */
  notJudged: number;
}

export interface SignalEvidence extends Comparison {
  field: string;
  label: string;
  /** The value people read; the comparison is leads with it against every other decided lead. */
  value: string;
}

export interface SignalSpec {
  field: string;
  label: string;
}

export interface EvidenceOptions {
  confidence?: number;
  /** Fewer decided leads than this in either group: too few to tell (default 30). */
  minimumDecided?: number;
  signals?: readonly SignalSpec[];
  /** At most this many values per signal, the most common first (default 8). */
  valuesPerSignal?: number;
}

export interface EvidenceFamily {
  /** How many intervals are read together, and the critical value each gets (Bonferroni). */
  comparisons: number;
  z: number;
}

export interface EvidenceReport {
  open: number;
  decided: number;
  confidence: number;
  minimumDecided: number;
  criteria: CriterionEvidence[];
  signals: SignalEvidence[];
  /** The intervals of the criteria are one family and the signals' another: each is adjusted for its own size. */
  families: { criteria: EvidenceFamily; signals: EvidenceFamily };
}

const empty = (): Tally => ({ leads: 0, accepted: 0, opportunities: 0 });
const add = (t: Tally, o: LeadOutcome) => {
  t.leads++;
  if (isAccepted(o)) t.accepted++;
  if (o === 'opportunity') t.opportunities++;
};

/**
 * The verdict on one comparison: no-contrast when one group is empty (history cannot compare),
 * too-few when either has fewer than `minimum` decided leads (or nothing was decided), otherwise
 * helps or hurts when the acceptance interval lies wholly above or below 0, and no-evidence when it
 * spans 0.
 */
export function evidenceVerdict(met: Tally, notMet: Tally, acceptance: Difference | null, minimum: number): EvidenceVerdict {
  if (met.leads + notMet.leads === 0) return 'too-few';
  if (met.leads === 0 || notMet.leads === 0) return 'no-contrast';
  if (met.leads < minimum || notMet.leads < minimum) return 'too-few';
  if (acceptance && acceptance.low > 0) return 'helps';
  if (acceptance && acceptance.high < 0) return 'hurts';
  return 'no-evidence';
}

/** Counts for the leads that met a test and those that did not (skipping leads it did not judge). */
function split(leads: readonly JudgedLead[], test: (l: JudgedLead) => boolean | undefined): { met: Tally; notMet: Tally; notJudged: number } {
  const met = empty();
  const notMet = empty();
  let notJudged = 0;
  for (const l of leads) {
    const r = test(l);
    if (r === undefined) notJudged++;
    else add(r ? met : notMet, l.outcome);
  }
  return { met, notMet, notJudged };
}

/** Interval-judged comparisons form a family: those with both groups at the minimum. */
const judgeable = (t: { met: Tally; notMet: Tally }, minimum: number) => t.met.leads >= minimum && t.notMet.leads >= minimum;

function compare(t: { met: Tally; notMet: Tally }, z: number, minimum: number): Comparison {
  const acceptance = newcombeDifference(t.met.accepted, t.met.leads, t.notMet.accepted, t.notMet.leads, z);
  const opportunity = newcombeDifference(t.met.opportunities, t.met.leads, t.notMet.opportunities, t.notMet.leads, z);
  return { met: t.met, notMet: t.notMet, acceptance, opportunity, verdict: evidenceVerdict(t.met, t.notMet, acceptance, minimum) };
}

/**
 * Which criteria of the definition (and which other signals) go with sales accepting a lead and
 * with it becoming an opportunity, among the MQLs sales decided on. Pure: the caller judged each
 * lead (as recorded at routing, or by a policy) and labelled its signal values.
 */
export function weighEvidence(leads: readonly JudgedLead[], criteria: readonly DefinitionCriterion[], options: EvidenceOptions = {}): EvidenceReport {
  const confidence = options.confidence ?? 0.95;
  const minimum = options.minimumDecided ?? 30;
  const decidedLeads = leads.filter((l) => isDecided(l.outcome));

  const criterionSplits = criteria.map((c) => ({ c, ...split(decidedLeads, (l) => l.met[c.key]) }));
  const criteriaFamily = { comparisons: Math.max(1, criterionSplits.filter((s) => judgeable(s, minimum)).length), z: 0 };
  criteriaFamily.z = familyZ(confidence, criteriaFamily.comparisons);

  const signalSplits = (options.signals ?? []).flatMap((spec) => {
    const counts = new Map<string, number>();
    for (const l of decidedLeads) {
      const v = l.signals?.[spec.field] ?? '';
      if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const values = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, options.valuesPerSignal ?? 8);
    return values.map(([value]) => ({ spec, value, ...split(decidedLeads, (l) => (l.signals?.[spec.field] ?? '') === value) }));
  });
  const signalFamily = { comparisons: Math.max(1, signalSplits.filter((s) => judgeable(s, minimum)).length), z: 0 };
  signalFamily.z = familyZ(confidence, signalFamily.comparisons);

  return {
    open: leads.length - decidedLeads.length,
    decided: decidedLeads.length,
    confidence,
    minimumDecided: minimum,
    criteria: criterionSplits.map(({ c, notJudged, ...t }) => ({ id: c.key, label: c.label, kind: c.kind, within: c.within, notJudged, ...compare(t, criteriaFamily.z, minimum) })),
    signals: signalSplits.map(({ spec, value, ...t }) => ({ field: spec.field, label: spec.label, value, ...compare(t, signalFamily.z, minimum) })),
    families: { criteria: criteriaFamily, signals: signalFamily },
  };
}
