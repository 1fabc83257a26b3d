import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { historyExport, historyExportColumns, type HistoryTruth } from '../../src/portal/historyExport.js';
import { cli } from '../support/cliHarness.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// A generated export whose outcomes come from the demo's stated model (src/portal/outcomeModel.ts):
// "Asked for a demo" helps, "HubSpot score is 60 or more" hurts, page views make no difference,
// and too few MQLs last converted over 30 days ago to tell. The counts below come from what the
// generator set (its truth), not from Handoff's qualification: the command must agree with them.
const policy = defaultPolicy();
const { rows, truth } = historyExport({ seed: 4242, leads: 3000, from: new Date('2026-05-01T08:00:00Z'), days: 184, policy });
const dir = mkdtempSync(join(tmpdir(), 'handoff-evidence-'));
const FILE = join(dir, 'history.csv');
writeFileSync(FILE, stringify(rows, { header: true, columns: historyExportColumns(policy) }));

const decided = truth.filter((t) => t.mql && t.outcome !== 'open');
const tally = (leads: HistoryTruth[]) => ({
  leads: leads.length,
  accepted: leads.filter((t) => t.outcome === 'accepted' || t.outcome === 'opportunity').length,
  opportunities: leads.filter((t) => t.outcome === 'opportunity').length,
});
const split = (test: (t: HistoryTruth) => boolean) => ({ met: tally(decided.filter(test)), notMet: tally(decided.filter((t) => !test(t))) });
const DEMO = ['Book a demo', 'Contact sales', 'Pricing page form'];
const TRUTH: Record<string, (t: HistoryTruth) => boolean> = {
  country: () => true,
  'company-size': () => true,
  'job-title': () => true,
  fit: () => true,
  'demo-request': (t) => DEMO.includes(t.conversion),
  'lead-score': (t) => t.score >= 60,
  'recent-conversion': (t) => t.conversionDaysBefore <= 30,
  'page-views': (t) => t.pageViews >= 5,
  'engagement/engaged-this-month': (t) => t.conversionDaysBefore <= 30 && t.pageViews >= 5,
  engagement: () => true,
};
const IMPLIED: Record<string, string> = {
  country: 'no-contrast',
  'company-size': 'no-contrast',
  'job-title': 'no-contrast',
  fit: 'no-contrast',
  'demo-request': 'helps',
  'lead-score': 'hurts',
  'recent-conversion': 'too-few',
  'page-views': 'no-evidence',
  'engagement/engaged-this-month': 'no-evidence',
  engagement: 'no-contrast',
};

interface Row { id: string; met: unknown; notMet: unknown; verdict: string; acceptance: { difference: number; low: number; high: number } | null }

describe('handoff evidence --leads, on a generated export with a known model', () => {
  let json: { open: number; decided: number; criteria: Row[]; signals: (Row & { value: string })[]; limits: string[] };
  beforeAll(async () => {
    const r = await cli(['evidence', '--leads', FILE, '--json', '--signal', 'contact.hs_analytics_source', '--signal', 'size-band']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    json = JSON.parse(r.out);
  });

  it('counts the open MQLs apart from the decided ones', () => {
    expect(json.decided).toBe(decided.length);
    expect(json.open).toBe(truth.filter((t) => t.mql && t.outcome === 'open').length);
  });

  it.each(Object.keys(TRUTH))('%s: exact counts per side, and the verdict the model implies', (id) => {
    const row = json.criteria.find((c) => c.id === id)!;
    expect({ met: row.met, notMet: row.notMet }).toEqual(split(TRUTH[id]!));
    expect(row.verdict).toBe(IMPLIED[id]);
  });

  it('signals: each value against the rest, with exact counts', () => {
    const referrals = json.signals.find((s) => s.value === 'Referrals')!;
    expect({ met: referrals.met, notMet: referrals.notMet }).toEqual(split((t) => t.source === 'Referrals'));
    const mid = json.signals.find((s) => s.value === '50-249 employees')!;
    expect({ met: mid.met, notMet: mid.notMet }).toEqual(split((t) => t.employees >= 50 && t.employees <= 249));
    // The model gives source and size no effect: no value may claim one.
    expect(json.signals.filter((s) => s.verdict === 'helps' || s.verdict === 'hurts')).toEqual([]);
  });

  it('says what history cannot tell', () => {
    expect(json.limits.join('\n')).toMatch(/can support tightening the definition, not loosening it/);
  });

  it('prints a table a person reads: labels and verdict labels, never keys', async () => {
    const r = await cli(['evidence', '--leads', FILE]);
    expect(r.out).toMatch(/Asked for a demo or to talk to sales +\d+ +\d+% +\d+% +\d+ .*Goes with acceptance/);
    expect(r.out).toMatch(/HubSpot score is 60 or more .*Goes with rejection/);
    expect(r.out).not.toMatch(/demo-request|no-evidence|too-few/);
  });

  it('names a bad --signal or --since and exits 2', async () => {
    const bad = await cli(['evidence', '--leads', FILE, '--signal', 'Industry']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('--signal: "Industry" is not a signal: give "size-band" or a field such as contact.hs_analytics_source or company.industry');
    const since = await cli(['evidence', '--leads', FILE, '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.err).toMatch(/^--since: period "yesterday" is not/);
  });

  it('--since keeps only the MQLs from then on', async () => {
    const r = await cli(['evidence', '--leads', FILE, '--json', '--since', '2026-08-01']);
    const since = Date.parse('2026-08-01T00:00:00+01:00');
    const later = truth.filter((t, i) => t.mql && Date.parse(rows[i]!['Handoff MQL date']!) >= since);
    expect(JSON.parse(r.out).decided + JSON.parse(r.out).open).toBe(later.length);
  });
});

describe('handoff preview --leads', () => {
  const proposed = join(__dirname, '../../examples/proposed.policy.yaml');
  // The proposal asks for 20+ employees and drops the HubSpot score as an engagement signal.
  const stillMql = (t: HistoryTruth) => t.employees >= 20 && (DEMO.includes(t.conversion) || (t.conversionDaysBefore <= 30 && t.pageViews >= 5));

  it('counts the leads newly out and what sales actually did with them, from the generator', async () => {
    const r = await cli(['preview', '--policy', proposed, '--leads', FILE, '--json']);
    expect(r.err).toBe('');
    const p = JSON.parse(r.out);
    const out = truth.filter((t) => t.mql && !stillMql(t));
    expect(p.current.mqls).toBe(truth.filter((t) => t.mql).length);
    expect(p.proposed.mqls).toBe(truth.filter((t) => t.mql && stillMql(t)).length);
    expect(p.newlyIn.leads).toBe(0);
    expect(p.newlyOut).toEqual({ leads: out.length, decided: out.filter((t) => t.outcome !== 'open').length, ...(({ accepted, opportunities }) => ({ accepted, opportunities }))(tally(out)) });
    const size = p.changes.find((c: { key: string }) => c.key === 'company-size');
    expect(size.out.leads).toBe(truth.filter((t) => t.mql && t.employees < 20).length);
    expect(size.sentence).toMatch(/^changes "Company has 10 or more employees" to "Company has 20 or more employees": \d+ fewer MQLs, of which \d+ were accepted and \d+ became opportunities$/);
    expect(p.owners.reduce((a: number, o: { proposed: number }) => a + o.proposed, 0)).toBe(p.proposed.mqls);
    expect(p.teams.map((t: { name: string }) => t.name)).toEqual(policy.teams.map((t) => t.name));
  });

  it('prints both versions side by side, the changes in words, owners and SLA load', async () => {
    const r = await cli(['preview', '--policy', proposed, '--leads', FILE]);
    expect(r.out).toMatch(/^MQLs +\d+ \([\d.]+%\) +\d+ \([\d.]+%\) \(−\d+\)$/m);
    expect(r.out).toMatch(/- drops "HubSpot score is 60 or more": \d+ fewer MQLs, of which \d+ were accepted and \d+ became opportunities/);
    expect(r.out).toMatch(/Rory Campbell +Enterprise \(250\+ employees\) +\d+ → +\d+/);
    expect(r.out).toMatch(/SLA load per team, per week/);
  });

  it('names a policy file that does not validate', async () => {
    const d = mkdtempSync(join(tmpdir(), 'handoff-preview-'));
    writeFileSync(join(d, 'bad.yaml'), 'version: 1\n');
    const r = await cli(['preview', '--policy', join(d, 'bad.yaml'), '--leads', FILE]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/bad\.yaml/);
  });
});
