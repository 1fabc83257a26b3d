import { approversOf, decideReview, isDomainError, mayReview, proposalStanding, type Proposal, type Review } from '../../../src/domain/index.js';
import { defaultPolicy } from '../../support/policyFixtures.js';

// The pure core of the agreement: who may review, what a review does, when the last approval
// activates (and what it stamps), and when a proposal is stale. Boundary tables, no clock.
const active = { id: 1, version: '2026.12.2' };
const policy = defaultPolicy();
const approvers = approversOf(policy);
const person = (id: string) => policy.people.find((p) => p.id === id);
const AT = new Date('2026-12-02T10:00:00Z');
const review = (personId: string, decision: Review['decision'], minutes = 0, comment?: string): Review => ({ personId, name: person(personId)!.name, decision, at: new Date(AT.getTime() + minutes * 60_000), ...(comment ? { comment } : {}) });
const proposal = (reviews: Review[] = [], over: Partial<Proposal> = {}): Proposal => ({ id: 7, version: '2027.1.1', name: 'Next', policy: { ...policy, version: '2027.1.1' }, basedOn: active, proposedBy: 'Marketing ops', proposedAt: AT, state: 'open', reviews, ...over });

describe('approversOf', () => {
  it('resolves each approval to the person of that name (or id)', () => {
    expect(approvers).toEqual([
      { role: 'Head of Sales', personId: 'siobhan', name: 'Siobhán Byrne' },
      { role: 'Head of Marketing', personId: 'grainne', name: 'Gráinne Walsh' },
    ]);
    const byId = { ...policy, approvals: [{ role: 'Head of Sales', name: 'S. Byrne', person: 'siobhan', date: '2026-11-20' }] };
    expect(approversOf(byId)).toEqual([{ role: 'Head of Sales', personId: 'siobhan', name: 'Siobhán Byrne' }]);
    expect(approversOf({ ...policy, approvals: [{ role: 'CEO', name: 'Nobody Here', date: '2026-11-20' }] })).toEqual([]);
  });
});

describe('proposalStanding and mayReview', () => {
  it.each([
    ['no reviews', [], 'waiting', 'Waiting for Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing).'],
    ['one approval', [review('siobhan', 'approve')], 'waiting', 'Waiting for Gráinne Walsh (Head of Marketing).'],
    ['changes asked', [review('grainne', 'request-changes', 0, 'Keep 8 h')], 'changes-requested', 'Gráinne Walsh (Head of Marketing) asked for changes: propose a new version that answers them.'],
    ['changes asked, then approved: the latest review counts', [review('grainne', 'request-changes', 0, 'x'), review('grainne', 'approve', 5)], 'waiting', 'Waiting for Siobhán Byrne (Head of Sales).'],
    ['a non-approver\'s review counts for nothing', [review('ciaran', 'approve')], 'waiting', 'Waiting for Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing).'],
  ] as const)('%s', (_what, reviews, status, why) => {
    const s = proposalStanding(proposal([...reviews]), active, approvers);
    expect(s.status).toBe(status);
    expect(s.why).toBe(why);
  });

  it('a proposal made on another activation is stale, whoever looks', () => {
    const stale = proposal([], { basedOn: { id: 0, version: '2026.11.1' } });
    expect(proposalStanding(stale, active, approvers).status).toBe('stale');
    expect(mayReview(stale, active, approvers, person('siobhan'))).toMatchObject({ may: false, code: 'STALE_PROPOSAL' });
  });

  it.each([
    ['the head of sales', 'siobhan', true],
    ['the head of marketing', 'grainne', true],
    ['a rep', 'ciaran', false],
    ['a team manager who is not an approver', 'james', false],
  ])('%s may review: %s', (_who, id, may) => {
    expect(mayReview(proposal(), active, approvers, person(id)).may).toBe(may);
  });

  it('someone outside the policy is told who approves', () => {
    expect(mayReview(proposal(), active, approvers, undefined)).toEqual({ may: false, code: 'NOT_AN_APPROVER', why: 'You are not an approver: only Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing) approve changes to the policy. You can read it, its evidence and its preview.' });
  });
});

describe('decideReview', () => {
  const snapshot = (reviews: Review[], viewer: string | undefined) => ({ proposal: proposal(reviews), active, approvers, viewer: viewer ? person(viewer) : undefined });

  it('the first approval is recorded and activates nothing', () => {
    const d = decideReview(snapshot([], 'siobhan'), { decision: 'approve' }, AT, '2026-12-02');
    expect(d.review).toEqual({ personId: 'siobhan', name: 'Siobhán Byrne', decision: 'approve', at: AT });
    expect(d.activate).toBeUndefined();
  });

  it('the last approval activates the proposal with its approvals stamped with the day and the version', () => {
    const d = decideReview(snapshot([review('siobhan', 'approve')], 'grainne'), { decision: 'approve' }, AT, '2026-12-02');
    expect(d.activate?.version).toBe('2027.1.1');
    expect(d.activate?.approvals).toEqual([
      { role: 'Head of Sales', name: 'Siobhán Byrne', date: '2026-12-02', version: '2027.1.1' },
      { role: 'Head of Marketing', name: 'Gráinne Walsh', date: '2026-12-02', version: '2027.1.1' },
    ]);
  });

  it('an approval while the other approver asks for changes activates nothing', () => {
    expect(decideReview(snapshot([review('grainne', 'request-changes', 0, 'no')], 'siobhan'), { decision: 'approve' }, AT, '2026-12-02').activate).toBeUndefined();
  });

  it.each([
    ['a rep', 'ciaran', 'approve', 'NOT_AN_APPROVER'],
    ['someone outside the policy', undefined, 'approve', 'NOT_AN_APPROVER'],
    ['changes without a comment', 'siobhan', 'request-changes', 'INVALID_INPUT'],
  ] as const)('refuses %s', (_what, viewer, decision, code) => {
    let thrown: unknown;
    try {
      decideReview(snapshot([], viewer), { decision, comment: '  ' }, AT, '2026-12-02');
    } catch (e) {
      thrown = e;
    }
    expect(isDomainError(thrown, code)).toBe(true);
  });
});
