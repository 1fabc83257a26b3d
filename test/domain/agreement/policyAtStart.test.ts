import { maySetAvailability, policyAtStart, samePolicy, withAvailability, type ActiveVersion, type AvailabilitySetting } from '../../../src/domain/index.js';
import { route } from '../../../src/domain/routing/route.js';
import { defaultPolicy } from '../../support/policyFixtures.js';

const policy = defaultPolicy();
const activeOf = (how: ActiveVersion['how'], p = policy): ActiveVersion => ({ id: 3, version: p.version, policy: p, activatedAt: new Date('2026-12-01T09:00:00Z'), how, by: how === 'file' ? 'handoff.policy.yaml' : 'Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing)' });
const changed = { ...policy, version: '2027.1.1', sla: { ...policy.sla, atRiskPercent: 60 } };

describe('policyAtStart: which version a server runs when it starts with a file', () => {
  it.each([
    ['an empty ledger takes the file', undefined, policy, 'file', true],
    ['the same policy runs as the ledger has it', activeOf('file'), policy, 'ledger', false],
    ['the same rules with other approvals are the same policy', activeOf('proposal', { ...policy, approvals: [] }), policy, 'ledger', false],
    ['a new file replaces a version another file started', activeOf('file'), changed, 'file', true],
    ['a file never replaces a version the approvers activated', activeOf('proposal', changed), policy, 'ledger', false],
  ] as const)('%s', (_what, active, file, run, activate) => {
    const d = policyAtStart(file, 'handoff.policy.yaml', active);
    expect([d.run, d.activate]).toEqual([run, activate]);
  });

  it('says which version runs and why, when the file differs from an approved one', () => {
    expect(policyAtStart(policy, 'handoff.policy.yaml', activeOf('proposal', changed)).why).toBe(
      'runs version 2027.1.1, approved by Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing) in HubSpot; handoff.policy.yaml (version 2026.12.2) differs from it and is not active. To make it active, propose it (handoff propose handoff.policy.yaml) for its approvers, or export the active version (handoff policy export) into your repository',
    );
  });

  it('samePolicy ignores key order and approvals; with ignoreVersion, the number too', () => {
    // As jsonb gives it back: the same values, keys in another order at every level.
    const reverse = (v: unknown): unknown => (Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v);
    const reordered = reverse(JSON.parse(JSON.stringify(policy))) as typeof policy;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(policy)[0]);
    expect(samePolicy(policy, reordered)).toBe(true);
    expect(samePolicy(policy, { ...policy, version: '9' })).toBe(false);
    expect(samePolicy(policy, { ...policy, version: '9' }, { ignoreVersion: true })).toBe(true);
  });
});

describe('availability set in HubSpot', () => {
  const person = (id: string) => policy.people.find((p) => p.id === id)!;
  it.each([
    ['a rep marks themself', 'aoife', 'aoife', true],
    ['a rep marks another rep', 'ciaran', 'aoife', false],
    ['the team\'s named manager', 'siobhan', 'aoife', true],
    ['a manager in the team', 'james', 'tom', true],
    ['a manager of another team', 'james', 'aoife', false],
    ['marketing', 'grainne', 'aoife', false],
    ['an admin, for anyone', 'siobhan', 'tom', true],
  ])('%s (%s → %s): %s', (_what, actor, target, may) => {
    expect(maySetAvailability(policy, person(actor), person(target)).may).toBe(may);
  });

  it('routing skips a rep marked out of office, saying who set it; a capacity set replaces the policy\'s', () => {
    const settings: AvailabilitySetting[] = [
      { id: 1, personId: 'tom', kind: 'out-of-office', from: '2026-12-01', to: '2027-01-02', label: 'Parental leave', setBy: { personId: 'james', name: 'James Carter' }, setAt: new Date('2026-11-30T10:00:00Z') },
      { id: 2, personId: 'priya', kind: 'capacity', capacity: 12, setBy: { personId: 'james', name: 'James Carter' }, setAt: new Date('2026-11-30T10:00:00Z') },
      { id: 3, personId: 'priya', kind: 'capacity', capacity: 5, setBy: { personId: 'priya', name: 'Priya Shah' }, setAt: new Date('2026-11-30T11:00:00Z') },
    ];
    const runs = withAvailability(policy, settings);
    expect(runs.people.find((p) => p.id === 'priya')?.capacity).toBe(5);
    expect(runs.version).toBe(policy.version);
    const english = { contact: { email: 'sam@brightfield.co.uk', country: 'United Kingdom', state: 'England', hubspotscore: '70', hs_lead_status: 'NEW', jobtitle: 'Head of Operations', recent_conversion_event_name: 'Demo request' }, company: { numberofemployees: '40', country: 'United Kingdom' } };
    const d = route(english, { openHandoffs: {}, recentAssignments: [] }, runs, new Date('2026-12-02T11:00:00Z'));
    expect(d.skipped.map((s) => s.why)).toContain('Tom Evans: out of office until Sat 2 Jan 2027 (Parental leave), set by James Carter');
  });
});
