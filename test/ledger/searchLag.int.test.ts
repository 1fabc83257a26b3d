import { routeLead } from '../../src/handlers/routeLead.js';
import { P } from '../../src/hubspot/handoffProperties.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// HubSpot's search trails writes ("a few moments"); the fake's lag makes that visible. Routing
// reads its load from the ledger, so a burst stays exactly fair while search is still behind.
const hub = useFakeHubSpot({ rateLimits: false, searchLagMs: 60_000 });

describe('routing with HubSpot search lagging writes', () => {
  it('30 MQLs at once while search shows none of the routings: 10 each, and search catches up only later', async () => {
    const policy = parsedPolicyWith((p) => {
      p.routing.rules = [{ id: 'round-robin', label: 'Everyone by round robin', strategy: 'round_robin', team: 'ie-sales' }];
      p.routing.availability = { skipOutOfOffice: false, respectCapacity: false, hotLeadsOnlyToOwnersAtWork: false };
    });
    const ctx = await handoffPortal(hub, policy);
    const ids = Array.from({ length: 30 }, (_, n) => seedLead(hub, corkDemoRequest(n + 1)).contactId);
    const results = await Promise.all(ids.map((contactId) => routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'webinar' } })));
    const split: Record<string, number> = {};
    for (const r of results) split[r.ownerId!] = (split[r.ownerId!] ?? 0) + 1;
    expect(split).toEqual({ '102': 10, '103': 10, '104': 10 });
    expect(hub.fake.calls.count('POST /crm/objects/2026-03/contacts/search')).toBe(0);
    // Every routing is in HubSpot when read by id, yet search does not see one of them yet.
    for (const id of ids) expect(hub.fake.store.get('contacts', id)!.properties.get(P.stage)).toBe('routed');
    const found = await ctx.crm.searchContactsFirstPage([{ property: P.stage, op: 'EQ', value: 'routed' }], [P.stage]);
    expect(found.total).toBe(0);
    hub.fake.searchLag.set(0); // the moments pass
    expect((await ctx.crm.searchContactsFirstPage([{ property: P.stage, op: 'EQ', value: 'routed' }], [P.stage])).total).toBe(30);
  });
});
