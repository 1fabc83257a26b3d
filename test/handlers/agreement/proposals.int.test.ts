import { readFileSync } from 'node:fs';
import { useFakeHubSpot } from '../../support/fakeHubSpotHarness.js';
import { actionRequest } from '../../support/handoffServer.js';
import { corkDemoRequest, seedLead } from '../../support/handoffPortal.js';
import { agreementServer, PEOPLE } from '../../support/agreementServer.js';
import { DEFAULT_POLICY_PATH } from '../../support/policyFixtures.js';

// A change of the policy agreed inside HubSpot: proposed, approved by the approvers the active
// version names (as the signed-in users), activated on the last approval, and the next routing
// stamped with it. A rep cannot approve; a proposal made on an older active version is refused.
const hub = useFakeHubSpot();
const FILE = readFileSync(DEFAULT_POLICY_PATH, 'utf8');
const proposal = (version: string, standardHours: number) => FILE.replace(/^version: "2026\.12\.2"/m, `version: "${version}"`).replace('firstTouchBusinessHours: 8', `firstTouchBusinessHours: ${standardHours}`);

describe('proposals, approvals and activation', () => {
  it('a proposal becomes the active version when both approvers approve; the next routing is stamped with it', async () => {
    const { post, ctx } = await agreementServer(hub);
    const made = await post('/api/admin/proposals', { source: proposal('2027.1.1', 6), fileName: 'next.policy.yaml', proposedBy: 'Marketing ops' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ version: '2027.1.1', basedOn: '2026.12.2', approvers: [{ name: 'Siobhán Byrne', role: 'Head of Sales' }, { name: 'Gráinne Walsh', role: 'Head of Marketing' }] });
    expect(made.body.changes.join(' ')).toMatch(/8.*6|6.*8/);
    const id = made.body.id as number;

    // A rep sees it read-only, with why; the server refuses a rep's approval.
    const asRep = await post('/api/cards/policy-agreement', {}, PEOPLE.rep);
    expect(asRep.body.proposals[0]).toMatchObject({ id, statusLabel: 'Waiting for approval', review: { may: false } });
    expect(asRep.body.proposals[0].review.why).toBe('Ciarán Murphy is not an approver: only Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing) approve changes to the policy. You can read it, its evidence and its preview.');
    const refused = await post('/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.rep);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    const first = await post('/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.headOfSales);
    expect(first.body).toMatchObject({ activated: false, why: 'Waiting for Gráinne Walsh (Head of Marketing).' });
    const second = await post('/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.headOfMarketing);
    expect(second.body).toMatchObject({ activated: true, status: 'Active' });

    const health = await ctx.ledger.agreement.active();
    expect(health).toMatchObject({ version: '2027.1.1', how: 'proposal', by: 'Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing)' });
    // The active version's approvals are stamped with the version and the day (the portal's date).
    expect(health!.source).toMatch(/\{ role: Head of Sales, name: Siobhán Byrne, date: "?2026-11-25"?, version: "?2027\.1\.1"? \}/);

    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await post('/hubspot/actions/route-lead', actionRequest(contactId));
    expect(routed.status).toBe(200);
    expect((await ctx.ledger.handoff(contactId))?.policyVersion).toBe('2027.1.1');

    const page = await post('/api/cards/policy-agreement', {}, PEOPLE.headOfSales);
    expect(page.body.active).toMatchObject({ version: '2027.1.1', how: 'approved in HubSpot by Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing)' });
    expect(page.body.history.map((h: { version: string }) => h.version)).toEqual(['2027.1.1', '2026.12.2']);
    expect(page.body.proposals[0].approvers).toEqual([
      expect.objectContaining({ name: 'Siobhán Byrne', state: 'Approved' }),
      expect.objectContaining({ name: 'Gráinne Walsh', state: 'Approved' }),
    ]);
  });

  it('a proposal made on an older active version is stale: it says so and cannot be activated', async () => {
    const { post, ctx } = await agreementServer(hub);
    const a = (await post('/api/admin/proposals', { source: proposal('2027.1.1', 6) })).body.id as number;
    const b = (await post('/api/admin/proposals', { source: proposal('2027.1.2', 7) })).body.id as number;
    for (const who of [PEOPLE.headOfSales, PEOPLE.headOfMarketing]) await post('/api/cards/policy-review', { proposalId: a, decision: 'approve' }, who);
    const page = await post('/api/cards/policy-agreement', {}, PEOPLE.headOfSales);
    const stale = page.body.proposals.find((p: { id: number }) => p.id === b);
    expect(stale).toMatchObject({ status: 'stale', statusLabel: 'Stale: made on an older version', review: { may: false } });
    expect(stale.why).toBe('Proposed on version 2026.12.2, but 2027.1.1 is active now: it cannot be activated. Propose it again on top of 2027.1.1, so the approvers see the change against what runs.');
    const refused = await post('/api/cards/policy-review', { proposalId: b, decision: 'approve' }, PEOPLE.headOfSales);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('cannot be activated');
    expect((await ctx.ledger.agreement.active())?.version).toBe('2027.1.1');
  });

  it('asking for changes needs a comment, and holds the proposal until a new version answers it', async () => {
    const { post } = await agreementServer(hub);
    const id = (await post('/api/admin/proposals', { source: proposal('2027.1.1', 6) })).body.id as number;
    const bare = await post('/api/cards/policy-review', { proposalId: id, decision: 'request-changes' }, PEOPLE.headOfMarketing);
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toBe('comment: asking for changes needs a comment saying which (got nothing)');
    const asked = await post('/api/cards/policy-review', { proposalId: id, decision: 'request-changes', comment: 'Keep 8 hours until the UK team is hired' }, PEOPLE.headOfMarketing);
    expect(asked.body).toMatchObject({ activated: false, status: 'Changes asked for' });
    const sales = await post('/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.headOfSales);
    expect(sales.body.activated).toBe(false);
    const page = await post('/api/cards/policy-agreement', {}, PEOPLE.rep);
    expect(page.body.proposals[0].approvers[1]).toMatchObject({ name: 'Gráinne Walsh', state: 'Asked for changes', comment: 'Keep 8 hours until the UK team is hired' });
  });

  it('refuses a proposal that is not a valid policy, naming every issue, and one that changes nothing', async () => {
    const { post } = await agreementServer(hub);
    const broken = await post('/api/admin/proposals', { source: proposal('2027.1.1', 6).replace('firstTouchBusinessHours: 6', 'firstTouchBusinessHours: -1').replace('atRiskPercent: 75', 'atRiskPercent: 150'), fileName: 'broken.yaml' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^broken\.yaml is not a valid policy \(2 errors\): /);
    expect(broken.body.error.message).toContain('firstTouchBusinessHours');
    expect(broken.body.error.message).toContain('atRiskPercent');
    const same = await post('/api/admin/proposals', { source: FILE.replace(/^version: "2026\.12\.2"/m, 'version: "2027.1.1"'), fileName: 'same.yaml' });
    expect(same.body.error.message).toBe('same.yaml changes nothing but its version and approvals against the active version 2026.12.2: there is nothing to approve');
    const reused = await post('/api/admin/proposals', { source: proposal('2026.12.2', 6) });
    expect(reused.body.error.message).toContain('is the active version\'s number');
  });
});
