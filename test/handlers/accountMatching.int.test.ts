import { fillAccountIndex } from '../../src/handlers/accountIndex.js';
import { matchLeadAccount } from '../../src/handlers/accountMatch.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { routeLeads } from '../../src/handlers/routeLeads.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { seedRecords } from '../support/fakeHubSpotFixtures.js';
import { handoffServer } from '../support/handoffServer.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// Lead-to-account matching through the server: the companies are read once into Handoff's account
// index (paged list reads), and routing a burst of MQLs matches them from the index, with no CRM
// search at all; a company announced by webhook is matched by the next routing.
const hub = useFakeHubSpot();

const COMPANIES: Record<string, string>[] = [
  { name: 'Acme Software Ltd', domain: 'acme.ie', numberofemployees: '80', hubspot_owner_id: '102', country: 'Ireland' },
  { name: 'Brennan & Sons Limited', domain: 'brennansons.ie', numberofemployees: '80', hubspot_owner_id: '103', country: 'Ireland' },
  { name: "O'Brien Engineering Teoranta", domain: 'obrien-eng.ie', numberofemployees: '80', hubspot_owner_id: '104', country: 'Ireland' },
  { name: 'Gmail', domain: 'gmail.com', hubspot_owner_id: '101' },
  { name: 'Northwind Logistics UK Ltd', domain: 'northwind.co.uk', numberofemployees: '80', hubspot_owner_id: '202', country: 'United Kingdom' },
];

/** An MQL with no company association: only its email, website and company name say whose it is. */
const mql = (n: number, p: Record<string, string>) => ({
  firstname: 'Lead',
  lastname: String(n),
  jobtitle: 'Operations Director',
  country: 'Ireland',
  state: 'Dublin',
  recent_conversion_event_name: 'Book a demo',
  recent_conversion_date: '2026-11-24T10:15:00Z',
  lifecyclestage: 'marketingqualifiedlead',
  ...p,
});

const event = (contactId: string, eventId: number) => ({ eventId, portalId: DEMO_ACCOUNT.portalId, objectId: Number(contactId), subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead', changeSource: 'CRM_UI' });

/** Routes the leads as one batch of a workflow's deliveries: each one's owner and rule, or why it failed. */
async function ownersAndRules(ctx: HandlerContext, leads: readonly string[]) {
  const answers = await routeLeads(ctx, leads.map((contactId) => ({ contactId, actor: { kind: 'workflow', id: '42' } })));
  return answers.map((a) => (a.ok ? [a.result.ownerId, a.result.ruleId] : a.error.message));
}

describe('account matching through the server', () => {
  it('fills the index by list reads, then routes a burst by it with no search', async () => {
    // A policy that lets personal addresses through qualification (as many portals do): matching must still never use them.
    const policy = parsedPolicyWith((p) => {
      p.definitions.mql.disqualifiers = p.definitions.mql.disqualifiers.filter((d: { id: string }) => d.id !== 'personal-email');
    });
    const s = await handoffServer(hub, { policy });
    seedRecords(hub.fake, 'companies', COMPANIES);
    const filled = await fillAccountIndex(s.ctx);
    expect(filled).toEqual({ companies: 5, pages: 1, dropped: 0 });
    expect(hub.fake.calls.byRoute()).toEqual({ 'GET /crm/objects/2026-03/companies': 1 });
    // The fill leaves the planner knowing the table's size: without it a batch's lookup was planned
    // as if the index were empty, and scanned every company once a lead.
    const { rows } = await s.ctx.ledger.executeSql(`select reltuples from pg_class where oid = 'account'::regclass`);
    expect(rows).toEqual([{ reltuples: 5 }]);

    const leads = seedRecords(hub.fake, 'contacts', [
      mql(1, { email: 'sean@sales.acme.ie' }),
      mql(2, { email: 'paddy@brennan-haulage.ie', company: 'Brennan & Sons' }),
      mql(3, { email: 'mary@gmail.com' }),
      mql(4, { email: 'eoin@obrien.ie', company: "O'Brien Engineering" }),
      mql(5, { email: 'x@startup.ie', website: 'https://www.northwind.co.uk/about' }),
    ]);
    hub.fake.calls.reset();
    const res = await s.post('/hubspot/webhooks', leads.map((id, i) => event(id, 100 + i)));
    expect(res.status).toBe(200);
    await s.drain();

    const owner = (id: string) => hub.fake.store.get('contacts', id)!.properties.get('hubspot_owner_id');
    const rule = (id: string) => hub.fake.store.get('contacts', id)!.properties.get('handoff_routing_rule');
    expect(leads.map(owner)).toEqual(['102', '103', undefined, '104', '202']);
    expect(leads.map(rule)).toEqual(['existing-account', 'existing-account', undefined, 'existing-account', 'existing-account']);
    // The gmail lead is matched to no company (not the junk "Gmail" one), so it has no company to qualify on.
    const gmail = await matchLeadAccount(s.ctx, { contact: { email: 'mary@gmail.com' } });
    expect(gmail.match).toBeUndefined();
    expect(gmail.explanation).toBe("No account: the lead gives no company domain or name to match; the email's domain gmail.com is a personal address, never matched to a company.");
    const why = (id: string) => (JSON.parse(hub.fake.store.get('contacts', id)!.properties.get('handoff_last_event') ?? '{}') as { reason?: string }).reason ?? '';
    expect(why(leads[0]!)).toContain("Acme Software Ltd: the email's domain sales.acme.ie is acme.ie");
    expect(why(leads[1]!)).toContain('the company name "Brennan & Sons" is "Brennan & Sons Limited"');
    // Not one search in the whole burst: accounts came from the ledger's index.
    expect(Object.keys(hub.fake.calls.byRoute()).filter((r) => r.endsWith('/search'))).toEqual([]);
  });

  it('a company announced by webhook is matched by the next routing; a deleted one no longer matches', async () => {
    const s = await handoffServer(hub);
    await fillAccountIndex(s.ctx);
    const [companyId] = seedRecords(hub.fake, 'companies', [{ name: 'Kestrel Analytics DAC', website: 'https://kestrel.ie', numberofemployees: '35', hubspot_owner_id: '104', country: 'Ireland' }]);
    const company = (subscriptionType: string, eventId: number) => ({ eventId, portalId: DEMO_ACCOUNT.portalId, objectId: Number(companyId), subscriptionType, changeSource: 'CRM_UI' });
    expect((await s.post('/hubspot/webhooks', [company('company.creation', 1)])).status).toBe(200);
    await s.drain();
    expect(await s.ctx.ledger.accountCandidates({ companyIds: [companyId!], domains: [], stems: [], nameWords: [] })).toEqual([expect.objectContaining({ name: 'Kestrel Analytics DAC', domains: ['kestrel.ie'], ownerId: '104' })]);

    const [lead] = seedRecords(hub.fake, 'contacts', [mql(9, { email: 'ciara@kestrel.ie' })]);
    await s.post('/hubspot/webhooks', [event(lead!, 2)]);
    await s.drain();
    expect(hub.fake.store.get('contacts', lead!)!.properties.get('hubspot_owner_id')).toBe('104');

    hub.fake.store.archive(hub.fake.store.get('companies', companyId!)!);
    await s.post('/hubspot/webhooks', [company('company.deletion', 3)]);
    await s.drain();
    expect((await s.ctx.ledger.accountIndex()).companies).toBe(0);
  });

  it('a batch reads the companies its leads name and those matched to leads with none in one call, the index asked before it', async () => {
    const s = await handoffServer(hub);
    const [acme] = seedRecords(hub.fake, 'companies', COMPANIES);
    await fillAccountIndex(s.ctx);
    const leads = seedRecords(hub.fake, 'contacts', [mql(1, { email: 'sean@acme.ie', associatedcompanyid: acme! }), mql(2, { email: 'paddy@brennansons.ie' }), mql(3, { email: 'ann@northwind.co.uk' }), mql(4, { email: 'joe@nowhere.ie' })]);
    hub.fake.calls.reset();
    expect(await ownersAndRules(s.ctx, leads)).toEqual([
      ['102', 'existing-account'],
      ['103', 'existing-account'],
      ['202', 'existing-account'],
      // Matched to no account: not qualified on a company, and not routed by one.
      [undefined, undefined],
    ]);
    const reads = hub.fake.calls.byRoute();
    expect(reads['POST /crm/objects/2026-03/companies/batch/read']).toBe(1);
    // The three leads naming no primary company: one association read says they have none.
    expect(reads['POST /crm/associations/2026-03/contacts/companies/batch/read']).toBe(1);
  });

  it('a lead naming no primary company that HubSpot associates with one after all is judged on that one, read after the others', async () => {
    const s = await handoffServer(hub);
    const [acme, brennan, , , northwind] = seedRecords(hub.fake, 'companies', COMPANIES);
    await fillAccountIndex(s.ctx);
    const leads = seedRecords(hub.fake, 'contacts', [mql(1, { email: 'sean@acme.ie', associatedcompanyid: acme! }), mql(2, { email: 'paddy@brennansons.ie' }), mql(3, { email: 'ann@nowhere.ie' })]);
    // Paddy writes from Brennan's domain, but HubSpot associates him with Northwind (no primary label).
    hub.fake.store.associate('contacts', leads[1]!, 'companies', northwind!, 279);
    expect(hub.fake.store.get('contacts', leads[1]!)!.properties.get('associatedcompanyid') ?? '').toBe('');
    hub.fake.calls.reset();
    const companies = jest.spyOn(s.ctx.crm, 'readCompanies');
    expect(await ownersAndRules(s.ctx, leads)).toEqual([
      ['102', 'existing-account'],
      ['202', 'existing-account'],
      [undefined, undefined],
    ]);
    // Acme's read with Brennan's (matched while HubSpot said whom the two naming none are associated
    // with); Northwind's once it said so: one read more, only for such a lead.
    const reads = hub.fake.calls.byRoute();
    expect(reads['POST /crm/associations/2026-03/contacts/companies/batch/read']).toBe(1);
    expect(reads['POST /crm/objects/2026-03/companies/batch/read']).toBe(2);
    expect(companies.mock.calls.map(([ids]) => [...ids].sort())).toEqual([[acme, brennan].sort(), [northwind]]);
  });

  it('a lead whose company is gone is asked for again by its email, and the company it matches read then', async () => {
    const s = await handoffServer(hub);
    seedRecords(hub.fake, 'companies', COMPANIES);
    await fillAccountIndex(s.ctx);
    // Kestrel was indexed, then deleted in HubSpot: the contact still names it as its primary company.
    const [gone] = seedRecords(hub.fake, 'companies', [{ name: 'Kestrel Analytics DAC', domain: 'kestrel.ie', numberofemployees: '35', hubspot_owner_id: '201', country: 'Ireland' }]);
    await fillAccountIndex(s.ctx);
    hub.fake.store.archive(hub.fake.store.get('companies', gone!)!);
    const leads = seedRecords(hub.fake, 'contacts', [mql(1, { email: 'sean@acme.ie', associatedcompanyid: gone! }), mql(2, { email: 'paddy@brennansons.ie' })]);
    hub.fake.calls.reset();
    expect(await ownersAndRules(s.ctx, leads)).toEqual([
      ['102', 'existing-account'],
      ['103', 'existing-account'],
    ]);
    // Kestrel and Brennan's in one read; Acme, matched once Kestrel was found gone, in a second.
    expect(hub.fake.calls.byRoute()['POST /crm/objects/2026-03/companies/batch/read']).toBe(2);
  });

  it("a batch's lookups answer what each would alone: by one company, by two, by domain, by name, by nothing", async () => {
    const s = await handoffServer(hub);
    const ids = seedRecords(hub.fake, 'companies', COMPANIES);
    await fillAccountIndex(s.ctx);
    const lookups = [
      { companyIds: [ids[0]!], domains: [], stems: [], nameWords: [] },
      { companyIds: [ids[1]!, ids[4]!], domains: [], stems: [], nameWords: [] },
      { companyIds: [], domains: ['obrien-eng.ie'], stems: [], nameWords: [] },
      { companyIds: [], domains: [], stems: [], nameKey: 'brennan sons', nameWords: ['brennan'] },
      { companyIds: [], domains: [], stems: [], nameWords: [] },
    ];
    const many = await s.ctx.ledger.accountCandidatesMany(lookups);
    const alone = await Promise.all(lookups.map((q) => s.ctx.ledger.accountCandidates(q)));
    expect(many).toEqual(alone);
    expect(many.map((list) => list.map((a) => a.name))).toEqual([['Acme Software Ltd'], ['Brennan & Sons Limited', 'Northwind Logistics UK Ltd'], ["O'Brien Engineering Teoranta"], ['Brennan & Sons Limited'], []]);
  });

  it("a batch's domain and stem probes, asked once for the batch, still give each lookup its own and only its own", async () => {
    const s = await handoffServer(hub);
    const ids = seedRecords(hub.fake, 'companies', COMPANIES);
    await fillAccountIndex(s.ctx);
    const lookups = [
      { companyIds: [], domains: ['acme.ie', 'northwind.co.uk'], stems: ['acme'], nameWords: [] },
      { companyIds: [ids[2]!], domains: [], stems: ['brennansons', 'northwind'], nameWords: [] },
      { companyIds: [], domains: ['obrien-eng.ie'], stems: [], nameWords: [] },
      { companyIds: [], domains: ['nobody.ie'], stems: ['nobody'], nameWords: [] },
      { companyIds: [ids[0]!], domains: [], stems: [], nameWords: [] },
    ];
    const many = await s.ctx.ledger.accountCandidatesMany(lookups);
    expect(many).toEqual(await Promise.all(lookups.map((q) => s.ctx.ledger.accountCandidates(q))));
    expect(many.map((list) => list.map((a) => a.name))).toEqual([
      ['Acme Software Ltd', 'Northwind Logistics UK Ltd'],
      ['Brennan & Sons Limited', "O'Brien Engineering Teoranta", 'Northwind Logistics UK Ltd'],
      ["O'Brien Engineering Teoranta"],
      [],
      ['Acme Software Ltd'],
    ]);
    // Each lookup's limit is its own, as alone.
    const one = await s.ctx.ledger.accountCandidatesMany(lookups, 1);
    expect(one).toEqual(await Promise.all(lookups.map((q) => s.ctx.ledger.accountCandidates(q, 1))));
    expect(one.map((list) => list.length)).toEqual([1, 1, 1, 0, 1]);
  });
});
