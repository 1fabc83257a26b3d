import { comparisonInWords, definitionCriteria, evidenceVerdict, weighEvidence, type JudgedLead, type LeadOutcome, type Tally } from '../../../src/domain/index.js';
import { defaultPolicy } from '../../support/policyFixtures.js';

const policy = defaultPolicy();
const criteria = definitionCriteria(policy);
const tally = (leads: number, accepted = 0, opportunities = 0): Tally => ({ leads, accepted, opportunities });

/** `n` decided leads with these criteria results; the first `accepted` accepted, the first `opps` of those opportunities. */
function leads(n: number, met: Record<string, boolean>, accepted: number, opps = 0, prefix = 'l'): JudgedLead[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, met, outcome: (i < opps ? 'opportunity' : i < accepted ? 'accepted' : 'not-accepted') as LeadOutcome }));
}

describe('the criteria judged', () => {
  it('are every criterion of fit and engagement and every group, each group after its members; no disqualifier', () => {
    expect(criteria.map((c) => `${c.kind}:${c.key}`)).toEqual([
      'criterion:country',
      'criterion:company-size',
      'criterion:job-title',
      'group:fit',
      'criterion:demo-request',
      'criterion:lead-score',
      'criterion:recent-conversion',
      'criterion:page-views',
      'group:engagement/engaged-this-month',
      'group:engagement',
    ]);
    expect(criteria.find((c) => c.key === 'page-views')!.within).toEqual(['Engagement (buying signal)', 'Engaged this month']);
  });
  it('a group is met from its members, and unknown only when an unjudged member decides it', () => {
    const month = criteria.find((c) => c.key === 'engagement/engaged-this-month')!;
    const of = (m: Record<string, boolean>) => month.metBy((k) => m[k]);
    expect(of({ 'recent-conversion': true, 'page-views': true })).toBe(true);
    expect(of({ 'recent-conversion': false })).toBe(false);
    expect(of({ 'recent-conversion': true })).toBeUndefined();
  });
});

describe('verdict edges', () => {
  const helpful = { difference: 0.3, low: 0.1, high: 0.5 };
  it.each([
    ['29 decided on one side', tally(29), tally(100), helpful, 'too-few'],
    ['30 decided on each side', tally(30), tally(30), helpful, 'helps'],
    ['every decided lead met it', tally(80), tally(0), null, 'no-contrast'],
    ['no decided lead met it', tally(0), tally(80), null, 'no-contrast'],
    ['nothing decided', tally(0), tally(0), null, 'too-few'],
    ['an interval below 0', tally(40), tally(40), { difference: -0.3, low: -0.5, high: -0.1 }, 'hurts'],
    ['an interval spanning 0', tally(40), tally(40), { difference: 0.1, low: -0.05, high: 0.25 }, 'no-evidence'],
    ['an interval touching 0', tally(40), tally(40), { difference: 0.1, low: 0, high: 0.25 }, 'no-evidence'],
  ] as const)('%s', (_, met, notMet, acceptance, verdict) => {
    expect(evidenceVerdict(met, notMet, acceptance, 30)).toBe(verdict);
  });

  it('29 against 30 through the whole computation', () => {
    const at = (n: number) => weighEvidence([...leads(n, { 'demo-request': true }, n, 0, 'm'), ...leads(60, { 'demo-request': false }, 0, 0, 'n')], criteria);
    expect(at(29).criteria.find((c) => c.id === 'demo-request')!.verdict).toBe('too-few');
    expect(at(30).criteria.find((c) => c.id === 'demo-request')!.verdict).toBe('helps');
  });
});

describe('weighEvidence', () => {
  const report = weighEvidence(
    [
      ...leads(100, { 'demo-request': true, 'lead-score': false }, 60, 20, 'a'),
      ...leads(100, { 'demo-request': false, 'lead-score': true }, 30, 5, 'b'),
      { id: 'open', met: { 'demo-request': true }, outcome: 'open' },
    ],
    criteria,
  );
  const demo = report.criteria.find((c) => c.id === 'demo-request')!;
  const score = report.criteria.find((c) => c.id === 'lead-score')!;
  const country = report.criteria.find((c) => c.id === 'country')!;

  it('counts open leads apart, and decided leads per side', () => {
    expect(report).toMatchObject({ open: 1, decided: 200 });
    expect(demo.met).toEqual(tally(100, 60, 20));
    expect(demo.notMet).toEqual(tally(100, 30, 5));
    expect(country).toMatchObject({ met: tally(0), notMet: tally(0), notJudged: 200, verdict: 'too-few', acceptance: null });
  });
  it('adjusts the intervals for the criteria judged at once', () => {
    expect(report.families.criteria.comparisons).toBe(2);
    expect(report.families.criteria.z).toBeCloseTo(2.2414, 4);
    expect(demo.acceptance!.difference).toBeCloseTo(0.3, 12);
    expect(demo.verdict).toBe('helps');
    expect(score.verdict).toBe('hurts');
    expect(score.acceptance!.low).toBeCloseTo(-demo.acceptance!.high, 12);
    expect(demo.opportunity!.difference).toBeCloseTo(0.15, 12);
  });
  it('reads signals value by value against every other decided lead, as a family of their own', () => {
    const withSignals = weighEvidence(
      [...leads(40, {}, 30, 0, 'x').map((l) => ({ ...l, signals: { 'contact.hs_analytics_source': 'Referrals' } })), ...leads(60, {}, 15, 0, 'y').map((l) => ({ ...l, signals: { 'contact.hs_analytics_source': 'Paid search' } }))],
      criteria,
      { signals: [{ field: 'contact.hs_analytics_source', label: 'Original source' }] },
    );
    expect(withSignals.signals.map((s) => [s.value, s.met.leads, s.notMet.leads, s.verdict])).toEqual([
      ['Paid search', 60, 40, 'hurts'],
      ['Referrals', 40, 60, 'helps'],
    ]);
    expect(withSignals.families.signals.comparisons).toBe(2);
  });
  it('says each comparison in words, with its counts and how sure it is', () => {
    const family = { confidence: 0.95, comparisons: 2 };
    expect(comparisonInWords(demo, { met: 'was met', notMet: 'was not', every: 'met it' }, family, 30)).toMatch(/^Accepted 60% \(60 of 100\) when it was met, 30% \(30 of 100\) when it was not: 30 points more often \(95% sure reading 2 at once: between \d+ points and \d+ points more\)\.$/);
    expect(comparisonInWords(country, { met: 'was met', notMet: 'was not', every: 'met it' }, family, 30)).toBe('No lead in the period was decided yet: nothing to compare.');
  });
});
