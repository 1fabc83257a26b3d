import { routeLead } from '../../src/handlers/routeLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, routedCorkLead, instantRetry, seedLead } from '../support/handoffPortal.js';
import { actionRequest, asUser, handoffServer } from '../support/handoffServer.js';

const hub = useFakeHubSpot();
const TOKEN = 'pat-test-token'; // what the harness's api-client sends as its bearer token

describe('security at the edge', () => {
  it('the access token never reaches a card or a log, and logs hold no email address or name', async () => {
    const { post, ctx, logs } = await handoffServer(hub);
    const lead = corkDemoRequest();
    const { contactId, owner, colleague: other } = await routedCorkLead(hub, ctx);
    const answers: string[] = [];
    const keep = async (r: Response | Promise<Response>) => answers.push(await (await r).text());
    await keep(post(`/api/cards/handoff-state${asUser(owner.email!)}`, { contactId }));
    await keep(post(`/api/cards/outcome${asUser(other.email!)}`, { contactId, action: 'accept' })); // refused: not the owner
    hub.fake.faults.inject({ route: 'GET /crm/objects/2026-03/contacts/{id}', kind: 'server-error', status: 500, times: 10 });
    await keep(post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept' })); // HubSpot failing
    hub.fake.faults.clear();
    await keep(post('/hubspot/actions/record-outcome', actionRequest(contactId, { outcome: 'reject', rejection_reason: 'not-on-the-list' })));
    await keep(post('/api/cards/deal-origin', { dealId: '424242' }));

    const logged = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThanOrEqual(4);
    for (const secret of [TOKEN, 'Bearer']) expect(`${logged}${answers.join('')}`).not.toContain(secret);
    for (const personal of [lead.contact.email!, lead.contact.firstname!, lead.contact.lastname!, owner.email!, owner.name, other.email!, other.name]) expect(logged).not.toContain(personal);
    expect(logged).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // no email address of anyone
  });

  it('rate limits the public routes per client before checking signatures, with Retry-After', async () => {
    const { post, logs } = await handoffServer(hub, { rateLimitPerMinute: 3 });
    const { contactId } = seedLead(hub, corkDemoRequest());
    for (let i = 0; i < 3; i++) expect((await post('/api/cards/handoff-state', { contactId }, () => ({}))).status).toBe(401);
    hub.fake.calls.reset();
    const limited = await post('/hubspot/actions/route-lead', actionRequest(contactId));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryable: true } });
    expect(hub.fake.calls.count()).toBe(0);
    expect(logs.at(-1)).toMatchObject({ event: 'rate_limited' });
  });

  it('asks HubSpot for the least scopes: exactly those the calls of setup and a whole handoff need (per HubSpot\'s OpenAPI security)', async () => {
    const { readFile } = await import('node:fs/promises');
    const { applyHandoffSetup, planHandoffSetup } = await import('../../src/hubspot/setup.js');
    const { recordOutcome } = await import('../../src/handlers/recordOutcome.js');
    const { checkSla } = await import('../../src/handlers/checkSla.js');
    const { getDealOrigin } = await import('../../src/handlers/getDealOrigin.js');
    const { getHandoffState } = await import('../../src/handlers/getHandoffState.js');
    const { seedRecords } = await import('../support/fakeHubSpotFixtures.js');
    const { DEMO_OWNERS } = await import('../../src/fake-hubspot/seed/demoOwners.js');
    const { HubSpotCrmGateway } = await import('../../src/hubspot/hubspotCrmGateway.js');
    const { defaultPolicy } = await import('../support/policyFixtures.js');
    for (const owner of DEMO_OWNERS) hub.fake.store.putOwner({ ...owner });
    const client = hub.api();
    const { freshLedger } = await import('../support/testLedger.js');
    const { connectPortal } = await import('../../src/handlers/connectPortal.js');
    const crm = new HubSpotCrmGateway(client, instantRetry());
    const ledger = await freshLedger();
    const ctx = { crm, ledger, policy: defaultPolicy(), portal: await connectPortal(crm, ledger), now: () => hub.now() };
    await applyHandoffSetup(client, await planHandoffSetup(client, ctx.policy), () => undefined); // on a portal that has never seen Handoff
    const { contactId } = seedLead(hub, corkDemoRequest());
    const routed = await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    await getHandoffState(ctx, { contactId, viewer: { kind: 'known', ownerId: routed.ownerId } });
    await checkSla(ctx, { contactId });
    await recordOutcome(ctx, { contactId, actor: { kind: 'user', id: routed.ownerId! }, action: 'accept' });
    const [dealId] = seedRecords(hub.fake, 'deals', [{ dealname: 'Harbour Logistics' }]);
    hub.fake.store.associate('deals', dealId!, 'contacts', contactId, 3);
    await recordOutcome(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' }, action: 'convert', dealId: dealId! });
    await getDealOrigin(ctx, { dealId: dealId! });

    // The scope each call needs, as HubSpot's OpenAPI documents name it (tasks and notes: contacts.write).
    const scopeOf = (route: string): string => {
      const [method, path] = route.split(' ') as [string, string];
      const segment = path.match(/^\/crm\/(?:objects|properties|associations|pipelines)\/2026-03\/([\w-]+)/)?.[1];
      // A lead pipeline is read with the Leads scope (one of those HubSpot's pipelines document accepts).
      if (path.startsWith('/crm/pipelines/2026-03/leads')) return 'crm.objects.leads.read';
      const object = segment === '0-3' ? 'deals' : segment;
      if (path.startsWith('/crm/owners/2026-03')) return 'crm.objects.owners.read';
      // Account details need no CRM scope: HubSpot's document asks for "oauth", which every app has.
      if (path.startsWith('/account-info/2026-03/')) return 'oauth';
      if (object === 'tasks' || object === 'notes') return 'crm.objects.contacts.write';
      if (path.startsWith('/crm/properties/2026-03/')) return method === 'GET' ? `crm.objects.${object}.read` : `crm.schemas.${object}.write`;
      return `crm.objects.${object}.${method === 'GET' || path.endsWith('/search') || path.endsWith('/batch/read') ? 'read' : 'write'}`;
    };
    // Every call of the whole handoff, setup included, went to a date-based 2026-03 path.
    const routes = hub.fake.calls.list().map((c) => c.route);
    expect(routes.filter((r) => /\/v\d+\//.test(r))).toEqual([]);
    expect(routes.every((r) => r.includes('/2026-03'))).toBe(true);
    const needed = [...new Set(routes.map(scopeOf))].sort();
    const app = JSON.parse(await readFile('src/app/app-hsmeta.json', 'utf8')) as { config: { auth: { requiredScopes: string[]; optionalScopes: string[] } } };
    // Leads' scopes are optional: a portal without Sales Hub Professional or Enterprise can still install Handoff (with hubspot.leads: off).
    expect(app.config.auth.optionalScopes.sort()).toEqual(['crm.objects.leads.read', 'crm.objects.leads.write']);
    expect([...app.config.auth.requiredScopes, ...app.config.auth.optionalScopes].sort()).toEqual(needed);
  });
});
