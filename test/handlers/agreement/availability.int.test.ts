import { useFakeHubSpot } from '../../support/fakeHubSpotHarness.js';
import { actionRequest } from '../../support/handoffServer.js';
import { corkDemoRequest, seedLead } from '../../support/handoffPortal.js';
import { agreementServer, PEOPLE } from '../../support/agreementServer.js';

// Availability set in HubSpot (the policy page), not a policy change: a manager marks a rep out of
// office and routing skips them at once, saying who set it; a rep cannot mark another rep.
const hub = useFakeHubSpot();
const AOIFE = '103';

async function routeMany(post: Awaited<ReturnType<typeof agreementServer>>['post'], ledger: Awaited<ReturnType<typeof agreementServer>>['ctx']['ledger'], from: number, n: number) {
  const owners: string[] = [];
  for (let i = from; i < from + n; i++) {
    const { contactId } = seedLead(hub, corkDemoRequest(i));
    const res = await post('/hubspot/actions/route-lead', actionRequest(contactId, {}, `ap-${i}`));
    expect(res.status).toBe(200);
    owners.push((await ledger.handoff(contactId))!.ownerId!);
  }
  return owners;
}

describe('availability set by managers and reps', () => {
  it('a manager marks a rep out of office: the next 30 routings send that rep nothing, and say who set it', async () => {
    const { post, ctx } = await agreementServer(hub);
    // Aoife is one of the Irish pool: she is routed leads before.
    expect(await routeMany(post, ctx.ledger, 1, 6)).toContain(AOIFE);

    const set = await post('/api/cards/availability', { action: 'out-of-office', personId: 'aoife', from: '2026-11-25', to: '2026-12-04', label: 'Sick leave' }, PEOPLE.headOfSales);
    expect(set.status).toBe(200);
    expect(set.body.said).toBe('Aoife Kelly is out of office Wed 25 Nov to Fri 4 Dec (Sick leave), set by Siobhán Byrne');

    const after = await routeMany(post, ctx.ledger, 100, 30);
    expect(after).toHaveLength(30);
    expect(after).not.toContain(AOIFE);
    const last = await ctx.ledger.handoff((await ctx.ledger.handoffsIn(['routed'], '', 1000)).at(-1)!.contactId);
    expect(last?.routingExplanation).toContain('Aoife Kelly: out of office until Fri 4 Dec (Sick leave), set by Siobhán Byrne');
    // The policy did not change: the same version runs, and the page lists the setting with who set it.
    expect((await ctx.ledger.agreement.activations(5)).map((a) => a.version)).toEqual(['2026.12.2']);
    const page = await post('/api/cards/policy-agreement', {}, PEOPLE.headOfSales);
    expect(page.body.availability.settings).toEqual([expect.objectContaining({ person: 'Aoife Kelly', what: 'out of office Wed 25 Nov to Fri 4 Dec (Sick leave)', setBy: 'Siobhán Byrne', mayClear: true })]);

    // Cleared, she is routed to again.
    const cleared = await post('/api/cards/availability', { action: 'clear', settingId: page.body.availability.settings[0].id }, PEOPLE.headOfSales);
    expect(cleared.status).toBe(200);
    expect(await routeMany(post, ctx.ledger, 200, 6)).toContain(AOIFE);
  });

  it('a rep cannot mark another rep, nor a manager someone outside their teams; a rep may mark themself', async () => {
    const { post, ctx } = await agreementServer(hub);
    const rep = await post('/api/cards/availability', { action: 'out-of-office', personId: 'aoife', from: '2026-11-25', to: '2026-11-27' }, PEOPLE.rep);
    expect(rep.status).toBe(403);
    expect(rep.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'Ciarán Murphy may set their own availability and that of the people in the teams they manage; Aoife Kelly is not one of them.' });
    const ukManager = await post('/api/cards/availability', { action: 'capacity', personId: 'aoife', capacity: 5 }, PEOPLE.ukManager);
    expect(ukManager.status).toBe(403);
    const outsider = await post('/api/cards/availability', { action: 'capacity', personId: 'aoife', capacity: 5 }, 'someone@elsewhere.ie');
    expect(outsider.status).toBe(403);
    expect(await ctx.ledger.agreement.availability()).toEqual([]);

    const self = await post('/api/cards/availability', { action: 'out-of-office', personId: 'aoife', from: '2026-11-25', to: '2026-11-25' }, PEOPLE.otherRep);
    expect(self.body.said).toBe('Aoife Kelly is out of office Wed 25 Nov, set by Aoife Kelly');
    const page = await post('/api/cards/policy-agreement', {}, PEOPLE.rep);
    expect(page.body.availability.theyMaySet).toEqual([{ id: 'ciaran', name: 'Ciarán Murphy' }]);
    expect(page.body.availability.settings[0]).toMatchObject({ person: 'Aoife Kelly', mayClear: false });
  });

  it('bad input names the field and the value', async () => {
    const { post } = await agreementServer(hub);
    const backwards = await post('/api/cards/availability', { action: 'out-of-office', personId: 'aoife', from: '2026-12-04', to: '2026-11-25' }, PEOPLE.headOfSales);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('to: "from" must be on or before "to" (got "2026-11-25")');
    const nobody = await post('/api/cards/availability', { action: 'capacity', personId: 'ghost', capacity: 5 }, PEOPLE.headOfSales);
    expect(nobody.body.error.message).toBe('personId: "ghost" is not a person in the handoff policy');
  });
});
