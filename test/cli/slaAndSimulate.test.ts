import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gini, maxMinRatio } from '../../src/domain/simulation/fairness.js';
import { simulate } from '../../src/domain/simulation/simulate.js';
import { readLeadsFile } from '../../src/lead-import/readLeadsFile.js';
import { cli } from '../support/cliHarness.js';
import { defaultPolicy, ROOT } from '../support/policyFixtures.js';

const SAMPLE = join(ROOT, 'examples/leads-sample.csv');
const base = ['sla-due', '--tz', 'Europe/Dublin', '--open', '09:00', '--close', '17:30'];

describe('handoff sla-due', () => {
  it.each([
    ['IE', '2027-03-16T16:30:00Z', '4', '2027-03-18T12:00:00Z'],
    ['GB-ENG', '2027-03-16T16:30:00Z', '4', '2027-03-17T12:00:00Z'],
    ['IE', '2027-03-25T15:30:00Z', '8', '2027-03-26T15:00:00Z'],
  ])('%s from %s + %sh → %s on the last line', async (region, from, hours, due) => {
    const r = await cli([...base, '--region', region, '--from', from, '--hours', hours]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').at(-1)).toBe(due);
  });

  it("--team takes a team's calendar from the policy, names each holiday and closure it skipped, and prints times in the team's zone", async () => {
    const r = await cli(['sla-due', '--team', 'uk-sales', '--from', '2026-12-23T16:00:00Z', '--hours', '8']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'SLA of 8 business hours in UK (England and Wales) (GB-ENG, Europe/London)',
      'clock starts Wed 23 Dec 2026, 16:00 (Europe/London)',
      'skipped Thu 24 Dec 2026: Christmas Eve (offices closed)',
      'skipped Fri 25 Dec 2026: Christmas Day',
      'skipped Mon 28 Dec 2026: Boxing Day (substitute day)',
      'due Tue 29 Dec 2026, 15:30 (Europe/London)',
      '2026-12-29T15:30:00Z',
    ]);
    expect((await cli(['sla-due', '--team', 'uk-sales', '--from', '2026-12-23T16:00:00Z', '--hours', '8', '--utc'])).out).toContain('due 2026-12-29T15:30:00Z');
    expect(await cli(['sla-due', '--team', 'emea', '--from', '2026-12-23T16:00:00Z', '--hours', '8'])).toMatchObject({ code: 1, err: '--team: "emea" is not a team in the policy (ie-sales, uk-sales, enterprise)' });
    expect(await cli(['sla-due', '--from', '2026-12-23T16:00:00Z', '--hours', '8'])).toMatchObject({ code: 1, err: '--region is needed without --team (or give --team, a team in the policy)' });
  });

  it('takes --days and --closures', async () => {
    const r = await cli([...base, '--region', 'IE', '--from', '2026-11-20T16:30:00Z', '--hours', '2', '--days', 'mon-sat', '--closures', '2026-11-21']);
    expect(r.out.split('\n').at(-1)).toBe('2026-11-23T10:00:00Z');
    const sat = await cli([...base, '--region', 'IE', '--from', '2026-11-20T16:30:00Z', '--hours', '2', '--days', 'mon,tue,wed,thu,fri,sat']);
    expect(sat.out.split('\n').at(-1)).toBe('2026-11-21T10:00:00Z');
  });

  it.each([
    [['--region', 'ROI'], '--region: "ROI" is not one of IE, GB-ENG, GB-SCT, GB-WLS, GB-NIR'],
    [['--hours', 'two'], '--hours: "two" is not a positive number of hours'],
    [['--from', '2027-03-16 16:30'], '--from: "2027-03-16 16:30" is not an ISO-8601 instant with a time zone (e.g. 2027-03-18T09:30:00Z)'],
    [['--days', 'weekdays'], '--days: "weekdays" is not a range like mon-fri or a list like mon,tue,wed'],
    [['--closures', '24/12/2026'], '--closures: "24/12/2026" is not a date written YYYY-MM-DD'],
  ])('bad input %j names the option and value', async (bad, message) => {
    const args: Record<string, string> = { '--region': 'IE', '--from': '2027-03-16T16:30:00Z', '--hours': '4' };
    for (let i = 0; i < bad.length; i += 2) args[bad[i]!] = bad[i + 1]!;
    const r = await cli([...base, ...Object.entries(args).flat()]);
    expect(r).toMatchObject({ code: 1, err: message });
  });
});

describe('handoff simulate', () => {
  it('prints per-lead results and a summary, identical across runs', async () => {
    const a = await cli(['simulate', '--leads', 'examples/leads-sample.csv']);
    const b = await cli(['simulate', '--leads', 'examples/leads-sample.csv']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const lines = a.out.split('\n');
    expect(lines.filter((l) => /^1\d{5} /.test(l))).toHaveLength(600);
    expect(a.out).toMatch(/Summary \(policy 2026\.12\.2\)\n {2}leads: 600 {3}MQLs: \d+ \(\d+\.\d%\) {3}disqualified: \d+ {3}sent to fallback: \d+/);
    expect(a.out).toMatch(/fairness across reps: max\/min \d+\.\d\d, Gini 0\.\d{3}/);
    expect(a.out).toContain('SLA load per team:');
  });

  it('writes --out as CSV or JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-sim-'));
    await cli(['simulate', '--leads', 'examples/leads-sample.csv', '--quiet', '--out', join(dir, 'r.json')]);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json.outcomes).toHaveLength(600);
    await cli(['simulate', '--leads', 'examples/leads-sample.csv', '--quiet', '--out', join(dir, 'r.csv'), '--start', '2026-09-01T00:00:00Z']);
    expect(readFileSync(join(dir, 'r.csv'), 'utf8').split('\n')[0]).toBe('id,arrivedAt,stage,personId,ownerId,teamId,ruleId,slaTier,slaDue,summary');
  });

  it('names the row and value of a lead it cannot read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-sim-'));
    writeFileSync(join(dir, 'bad.csv'), 'Record ID,Create Date,Email\n1,2026-07-01T10:00:00Z,a@b.ie\n2,yesterday,c@d.ie\n');
    const r = await cli(['simulate', '--leads', join(dir, 'bad.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv row 2 \(id 2\): createdate "yesterday" is not a date/);
  });
});

describe('simulation model', () => {
  it('every MQL gets an owner and an SLA; nothing is unowned; counts add up', () => {
    const leads = readLeadsFile(SAMPLE);
    if (!leads.ok) throw new Error(leads.error);
    const { outcomes, summary } = simulate(leads.value, defaultPolicy());
    const mqls = outcomes.filter((o) => o.stage === 'mql');
    expect(mqls.every((o) => o.ownerId && o.slaDue && o.ruleId)).toBe(true);
    expect(summary.perOwner.reduce((a, o) => a + o.leads, 0)).toBe(summary.mqls);
    expect(Object.values(summary.byRule).reduce((a, n) => a + n, 0)).toBe(summary.mqls);
    expect(summary.slaLoadPerTeam.reduce((a, t) => a + t.mqls, 0)).toBe(summary.mqls);
  });

  it('fairness measures', () => {
    expect(gini([5, 5, 5])).toBe(0);
    expect(gini([0, 0, 9])).toBeCloseTo(2 / 3);
    expect(maxMinRatio([10, 5])).toBe(2);
    expect(maxMinRatio([3, 0])).toBe(Infinity);
  });
});
