import { route } from '../../../src/domain/routing/route.js';
import { fairnessWindowStarts } from '../../../src/domain/routing/availability.js';
import { talliesOf } from '../../../src/domain/routing/assignmentTallies.js';
import type { RoutingSnapshot } from '../../../src/domain/routing/snapshot.js';
import { locateLead } from '../../../src/domain/routing/leadLocation.js';
import { defaultPolicy, parsedPolicyWith } from '../../support/policyFixtures.js';
import { mqlLead } from '../../support/leadBuilder.js';

const policy = defaultPolicy();
const WED_10AM = new Date('2026-11-25T10:00:00Z');
const snap = (s: Partial<RoutingSnapshot> = {}): RoutingSnapshot => ({ openHandoffs: {}, recentAssignments: [], ...s });
const assigned = (ownerId: string, at: string) => ({ ownerId, at });
// A standard (not hot) lead: engaged through score, not a demo request.
const standard = (contact: Record<string, string> = {}, company: Record<string, string> = {}) =>
  mqlLead({ contact: { recent_conversion_event_name: 'Whitepaper', hubspotscore: '70', ...contact }, company });
const irish = standard();
const english = standard({ country: 'United Kingdom', zip: 'M1 1AE' });

describe('lead location', () => {
  it.each([
    [{ country: 'Ireland' }, 'IE'],
    [{ country: 'United Kingdom', zip: 'BT1 5GS' }, 'GB-NIR'],
    [{ country: 'UK', zip: 'EH1 1YZ' }, 'GB-SCT'],
    [{ country: 'GB', zip: 'G2 1DY' }, 'GB-SCT'],
    [{ country: 'United Kingdom', zip: 'CF10 1EP' }, 'GB-WLS'],
    [{ country: 'United Kingdom', zip: 'GU1 1AA' }, 'GB-ENG'],
    [{ country: 'United Kingdom', state: 'Scotland' }, 'GB-SCT'],
    [{ country: 'Northern Ireland' }, 'GB-NIR'],
    [{ country: 'France' }, undefined],
  ])('%j → %s', (contact, region) => {
    expect(locateLead({ contact }).region).toBe(region);
  });
});

describe('route: strategies', () => {
  it('account owner by association wins first, with the reason', () => {
    const d = route(irish, snap({ companyOwnerId: '202' }), policy, WED_10AM);
    expect(d).toMatchObject({ ownerId: '202', personId: 'priya', ruleId: 'existing-account', strategy: 'account_owner', skipped: [] });
    expect(d.explanation).toBe('Priya Shah, by rule "The company already has an owner in sales, so the account owner gets the lead": Priya Shah owns its associated company.');
  });

  it('account owner by lead-to-account matching, with the match\'s reasons', () => {
    const d = route(irish, snap({ account: { companyId: '7', name: 'Harbour Logistics Ltd', ownerId: '103', why: "Harbour Logistics Ltd: the email's domain sales.harbourlogistics.ie is harbourlogistics.ie." } }), policy, WED_10AM);
    expect(d).toMatchObject({ ownerId: '103', ruleId: 'existing-account' });
    expect(d.explanation).toContain("owns Harbour Logistics Ltd: the email's domain sales.harbourlogistics.ie is harbourlogistics.ie.");
  });

  it('no account: the rule says why (a personal email), and the next rule routes', () => {
    const d = route(irish, snap({ noAccount: 'No account: the email\'s domain gmail.com is a personal address, never matched to a company.' }), policy, WED_10AM);
    expect(d.ruleId).toBe('territory');
    expect(d.considered[0]).toEqual({ ruleId: 'existing-account', outcome: "No account: the email's domain gmail.com is a personal address, never matched to a company" });
  });

  it('an account owner outside the routing pool does not get it; the next rule does', () => {
    const d = route(irish, snap({ companyOwnerId: '999' }), policy, WED_10AM);
    expect(d.ruleId).toBe('territory');
    expect(d.considered[0]).toEqual({ ruleId: 'existing-account', outcome: 'the company owner (HubSpot owner 999) is not in the routing pool' });
  });

  it('enterprise (250+) goes least-loaded to the enterprise team', () => {
    const d = route(standard({}, { numberofemployees: '400' }), snap({ openHandoffs: { '302': 3 } }), policy, WED_10AM);
    expect(d).toMatchObject({ ownerId: '302', teamId: 'enterprise', ruleId: 'enterprise', strategy: 'least_loaded' });
    expect(d.explanation).toContain('least loaded (open handoffs: Rory Campbell 3 open)');
  });

  it('territory: Ireland → weighted round robin in the Ireland team', () => {
    const d = route(irish, snap(), policy, WED_10AM);
    expect(d).toMatchObject({ ruleId: 'territory', teamId: 'ie-sales', ownerId: '102' });
    expect(d.explanation).toMatch(/territory "Republic of Ireland" matches the lead \(Ireland, IE\); weighted round robin/);
  });

  it.each([
    ['Northern Ireland by postcode', { country: 'United Kingdom', zip: 'BT9 5AB' }, 'ie-sales'],
    ['Scotland by postcode', { country: 'United Kingdom', zip: 'EH3 9WJ' }, 'uk-sales'],
    ['England', { country: 'UK', zip: 'SW1A 1AA' }, 'uk-sales'],
    ['Wales', { country: 'Wales' }, 'uk-sales'],
  ])('territory: %s', (_n, contact, team) => {
    expect(route(standard(contact), snap(), policy, WED_10AM).teamId).toBe(team);
  });

  it('weighted round robin: leads per unit of weight, ties to whoever waited longest', () => {
    const s = snap({ recentAssignments: [assigned('102', '2026-11-24T09:00:00Z'), assigned('102', '2026-11-24T11:00:00Z'), assigned('103', '2026-11-24T10:00:00Z'), assigned('104', '2026-11-23T10:00:00Z')] });
    // Ciarán 2/2 = 1, Aoife 1/1 = 1, Niamh 1/1 = 1: Niamh waited longest.
    const d = route(irish, s, policy, WED_10AM);
    expect(d.personId).toBe('niamh');
    expect(d.explanation).toContain('(Niamh O\'Neill 1/1, Aoife Kelly 1/1, Ciarán Murphy 2/2)');
  });

  it('weighted round robin gives a weight-2 person twice the leads over a run', () => {
    const counts: Record<string, number> = {};
    const history: { ownerId: string; at: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const now = new Date(WED_10AM.getTime() + i * 60_000);
      const d = route(irish, snap({ recentAssignments: history }), policy, now);
      history.push({ ownerId: d.ownerId, at: now.toISOString() });
      counts[d.personId] = (counts[d.personId] ?? 0) + 1;
    }
    expect(counts).toEqual({ ciaran: 20, aoife: 10, niamh: 10 });
  });

  it('round robin is derived from the snapshot: same snapshot, same owner; replay is deterministic', () => {
    const s = snap({ recentAssignments: [assigned('202', '2026-11-24T09:00:00Z')] });
    const a = route(english, s, policy, WED_10AM);
    const b = route(english, structuredClone(s), policy, WED_10AM);
    expect(a).toEqual(b);
    expect(a.personId).toBe('tom');
    // assignment order in the snapshot does not matter
    const s2 = snap({ recentAssignments: [assigned('203', '2026-11-20T09:00:00Z'), assigned('202', '2026-11-24T09:00:00Z'), assigned('203', '2026-11-21T09:00:00Z')] });
    expect(route(english, s2, policy, WED_10AM).personId).toBe(route(english, { ...s2, recentAssignments: [...s2.recentAssignments!].reverse() }, policy, WED_10AM).personId);
  });

  it('assignments older than the look-back window do not count', () => {
    const s = snap({ recentAssignments: [assigned('203', '2026-10-01T09:00:00Z'), assigned('203', '2026-10-02T09:00:00Z'), assigned('202', '2026-11-24T09:00:00Z')] });
    expect(route(english, s, policy, WED_10AM).personId).toBe('tom');
  });

  it('fixed owner', () => {
    const p = parsedPolicyWith((x) => { x.routing.rules.unshift({ id: 'partners', label: 'Partner referrals go to Aoife', when: { all: [{ label: 'Partner referral', field: 'contact.hs_analytics_source', op: 'equals', value: 'REFERRALS' }] }, strategy: 'fixed_owner', owner: 'aoife' }); });
    expect(route(standard({ hs_analytics_source: 'REFERRALS' }), snap(), p, WED_10AM)).toMatchObject({ ownerId: '103', ruleId: 'partners', strategy: 'fixed_owner' });
    expect(route(standard({ hs_analytics_source: 'ORGANIC_SEARCH' }), snap(), p, WED_10AM).considered[0]).toEqual({ ruleId: 'partners', outcome: 'conditions not met' });
  });

  it('territory by county and by size band', () => {
    const p = parsedPolicyWith((x) => {
      x.routing.rules[2].territories.unshift(
        { id: 'munster-small', label: 'Munster, small companies', counties: ['Cork', 'Kerry'], sizeBands: ['small'], team: 'enterprise' },
      );
    });
    expect(route(standard({ state: 'Co. Cork' }, { numberofemployees: '20' }), snap(), p, WED_10AM).teamId).toBe('enterprise');
    expect(route(standard({ state: 'Cork' }, { numberofemployees: '120' }), snap(), p, WED_10AM).teamId).toBe('ie-sales');
    expect(route(standard({ state: 'Dublin' }, { numberofemployees: '20' }), snap(), p, WED_10AM).teamId).toBe('ie-sales');
  });
});

describe('route: availability, each skip explained', () => {
  it('skips someone out of office', () => {
    const d = route(english, snap(), policy, new Date('2026-12-22T10:00:00Z'));
    expect(d.personId).toBe('priya');
    expect(d.skipped).toEqual([{ ownerId: '203', personId: 'tom', why: 'Tom Evans: out of office until Fri 1 Jan 2027 (Christmas leave)' }]);
    expect(d.explanation).toContain('Skipped: Tom Evans: out of office until Fri 1 Jan 2027 (Christmas leave).');
  });

  it('skips someone at capacity', () => {
    const d = route(english, snap({ openHandoffs: { '202': 30 } }), policy, WED_10AM);
    expect(d.personId).toBe('tom');
    expect(d.skipped[0]?.why).toBe('Priya Shah: at capacity (30 of 30 open handoffs)');
  });

  it('skips owners HubSpot reports unusable', () => {
    const d = route(english, snap({ unavailableOwners: { '203': 'owner is archived in HubSpot' } }), policy, WED_10AM);
    expect(d.personId).toBe('priya');
    expect(d.skipped[0]?.why).toBe('Tom Evans: owner is archived in HubSpot');
  });

  it('a hot lead out of hours skips everyone and lands with the fallback, never unowned', () => {
    const hot = mqlLead({ contact: { country: 'United Kingdom', zip: 'M1 1AE' } }); // a demo request: hot tier
    const d = route(hot, snap(), policy, new Date('2026-11-25T19:00:00Z'));
    expect(d.hot).toBe(true);
    expect(d.slaTierId).toBe('hot');
    expect(d).toMatchObject({ ruleId: 'fallback', strategy: 'fallback', ownerId: '101' });
    expect(d.skipped.map((s) => s.personId)).toEqual(['priya', 'tom']);
    expect(d.skipped[0]?.why).toBe('Priya Shah: outside working hours for a hot lead (Europe/London)');
  });

  it('a standard lead out of hours is still assigned (the SLA starts at the next opening)', () => {
    expect(route(english, snap(), policy, new Date('2026-11-25T19:00:00Z')).ruleId).toBe('territory');
  });

  it('fallback when no rule matches, with every rule\'s reason', () => {
    const d = route(standard({ country: 'France' }), snap(), policy, WED_10AM);
    expect(d).toMatchObject({ ownerId: '101', personId: 'siobhan', ruleId: 'fallback' });
    expect(d.explanation).toBe(
      'Siobhán Byrne, by the fallback ("Nobody matched or nobody is available, so the Head of Sales triages"): no rule could assign the lead (existing-account: the lead has no company with an owner; enterprise: conditions not met; territory: no territory matches the lead (France)).',
    );
  });

  it('fallback when everyone in the pool is away or full', () => {
    const d = route(english, snap({ openHandoffs: { '202': 30, '203': 30 } }), policy, WED_10AM);
    expect(d.ruleId).toBe('fallback');
    expect(d.considered.at(-1)?.outcome).toMatch(/but nobody is available$/);
    expect(d.skipped).toHaveLength(2);
  });
});

describe('route: fairness across leave', () => {
  // Rule: round robin counts leads since the latest return from leave in the pool (within
  // the look-back). Tom is away 21 Dec – 1 Jan; Priya takes everything meanwhile.
  const december = Array.from({ length: 10 }, (_, i) => assigned('202', `2026-12-${String(21 + i).padStart(2, '0')}T10:00:00Z`));
  const before = [assigned('203', '2026-12-18T10:00:00Z'), assigned('202', '2026-12-18T11:00:00Z')];

  it('is neither flooded nor starved after coming back: the leads alternate from the first day back', () => {
    const history = [...before, ...december];
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const now = new Date(Date.parse('2027-01-04T10:00:00Z') + i * 3_600_000);
      const d = route(english, snap({ recentAssignments: history }), policy, now);
      history.push(assigned(d.ownerId, now.toISOString()));
      got.push(d.personId);
    }
    expect(got).toEqual(['tom', 'priya', 'tom', 'priya', 'tom', 'priya']);
  });

  it('says so in the explanation', () => {
    const d = route(english, snap({ recentAssignments: [...before, ...december] }), policy, new Date('2027-01-04T10:00:00Z'));
    expect(d.explanation).toContain('round robin: fewest leads since Tom Evans came back from leave (Tom Evans 0, Priya Shah 0)');
  });
});

describe('route: assignments counted by the adapter (a ledger) route exactly as the same assignments listed', () => {
  const listed = (history: { ownerId: string; at: string }[]) => snap({ recentAssignments: history });
  const counted = (history: { ownerId: string; at: string }[], now: Date) => snap({ assignmentTallies: talliesOf(history, fairnessWindowStarts(policy, now), now) });
  const leave = [...Array.from({ length: 10 }, (_, i) => assigned('202', `2026-12-${String(21 + i).padStart(2, '0')}T10:00:00Z`)), assigned('203', '2026-12-18T10:00:00Z')];
  it.each([
    ['no history', [] as { ownerId: string; at: string }[], english, WED_10AM],
    ['one earlier lead', [assigned('202', '2026-11-24T09:00:00Z')], english, WED_10AM],
    ['older than the look-back', [assigned('203', '2026-10-01T09:00:00Z'), assigned('202', '2026-11-24T09:00:00Z')], english, WED_10AM],
    ['an assignment after now is not counted', [assigned('202', '2026-11-25T10:00:01Z')], english, WED_10AM],
    ['weighted, Ireland', [assigned('102', '2026-11-24T09:00:00Z'), assigned('103', '2026-11-24T10:00:00Z'), assigned('102', '2026-11-24T11:00:00Z')], irish, WED_10AM],
    ['back from leave', leave, english, new Date('2027-01-04T10:00:00Z')],
  ])('%s', (_label, history, lead, now) => {
    const a = route(lead, listed(history), policy, now);
    const b = route(lead, counted(history, now), policy, now);
    expect(b).toEqual(a);
  });

  it('a run of 40 with the counts kept by the adapter splits as the listed run does (20/10/10 by weight)', () => {
    const history: { ownerId: string; at: string }[] = [];
    const counts: Record<string, number> = {};
    for (let i = 0; i < 40; i++) {
      const now = new Date(WED_10AM.getTime() + i * 60_000);
      const d = route(irish, counted(history, now), policy, now);
      history.push({ ownerId: d.ownerId, at: now.toISOString() });
      counts[d.personId] = (counts[d.personId] ?? 0) + 1;
    }
    expect(counts).toEqual({ ciaran: 20, aoife: 10, niamh: 10 });
  });

  it('a counted snapshot without the window routing needs is a programming error, not a silent zero', () => {
    expect(() => route(english, snap({ assignmentTallies: [{ since: '2020-01-01T00:00:00.000Z', byOwner: {} }] }), policy, WED_10AM)).toThrow(/counts assignments from 2020-01-01T00:00:00.000Z but routing needs them from/);
  });
});
