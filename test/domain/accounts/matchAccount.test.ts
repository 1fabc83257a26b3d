import { accountOf, type Account } from '../../../src/domain/accounts/account.js';
import { normaliseCompanyName } from '../../../src/domain/accounts/companyName.js';
import { domainFacts, isPersonalDomain } from '../../../src/domain/accounts/domains.js';
import { accountLookup, DEFAULT_ACCOUNT_RULES, matchAccount, routingLookup, type AccountRules, type LeadAccountFacts } from '../../../src/domain/accounts/matchAccount.js';

// The portal's companies, as the account index holds them: typical Irish and UK accounts, and the
// traps (a junk company at gmail.com, duplicates at one domain, similar names in two countries).
const company = (id: string, p: Record<string, string>, changed = '2026-10-01T00:00:00Z'): Account => accountOf(id, p, changed);
const INDEX: Account[] = [
  company('1', { name: 'Acme Software Ltd', domain: 'acme.ie', hubspot_owner_id: '101', country: 'Ireland', num_associated_contacts: '12' }),
  company('2', { name: 'Brennan & Sons Limited', domain: 'brennansons.ie', hubspot_owner_id: '102', country: 'Ireland' }),
  company('3', { name: 'The Doyle Group', domain: 'doylegroup.com', hubspot_owner_id: '103', country: 'Ireland' }),
  company('4', { name: "O'Brien Engineering Teoranta", domain: 'obrien-eng.ie', hubspot_owner_id: '104', country: 'Ireland' }),
  company('5', { name: 'Gmail (junk record)', domain: 'gmail.com', hubspot_owner_id: '199' }),
  company('6', { name: 'Northwind Logistics UK Ltd', domain: 'northwind.co.uk', hubspot_owner_id: '201', country: 'United Kingdom' }),
  company('7', { name: 'Kestrel Analytics DAC', website: 'https://www.kestrel.ie/about', hubspot_owner_id: '105', country: 'Ireland' }),
  // Two records at one domain (a duplicate HubSpot never merged): the owned one with more contacts wins.
  company('8', { name: 'Harbour Foods', domain: 'harbourfoods.ie', country: 'Ireland', num_associated_contacts: '40' }),
  company('9', { name: 'Harbour Foods Ltd', domain: 'harbourfoods.ie', hubspot_owner_id: '106', country: 'Ireland', num_associated_contacts: '3' }),
  company('10', { name: 'Caledonia Wind PLC', domain: 'caledoniawind.co.uk', hubspot_owner_id: '202', country: 'Scotland' }),
  company('11', { name: 'Ty Gwyn Cyfyngedig', domain: 'tygwyn.cymru', hubspot_owner_id: '203', country: 'Wales' }),
  company('12', { name: 'Lagan Valley Homes CLG', domain: 'laganvalleyhomes.org.uk', hubspot_owner_id: '204', country: 'Northern Ireland' }),
  company('13', { name: 'Shannon Medical Devices ULC', domain: 'shannonmed.com', hubspot_owner_id: '107', country: 'Ireland' }),
  company('14', { name: 'Mersey Print Co.', domain: 'merseyprint.co.uk', hubspot_owner_id: '205', country: 'United Kingdom' }),
  company('15', { name: 'Fáilte Tours Teo', domain: 'failtetours.ie', hubspot_owner_id: '108', country: 'Ireland' }),
  company('16', { name: 'Atlantic Data Centres', domain: 'atlanticdc.ie', hubspot_owner_id: '109', country: 'Ireland' }, '2026-11-20T00:00:00Z'),
  company('17', { name: 'Atlantic Data Centres', domain: 'atlanticdc.co.uk', hubspot_owner_id: '206', country: 'United Kingdom' }, '2026-09-01T00:00:00Z'),
  company('18', { name: 'Corrib Capital LLP', domain: 'corribcapital.com', hubspot_owner_id: '110', country: 'Ireland' }),
  company('19', { name: 'Pennine Care CIC', domain: 'penninecare.org.uk', hubspot_owner_id: '207', country: 'United Kingdom' }),
  company('20', { name: 'Liffey Software', domain: 'liffeysoftware.ie', hubspot_owner_id: '111', country: 'Ireland' }),
];

// Each case: the lead, and the company it belongs to (undefined: none), with words the explanation must hold.
const CASES: [string, LeadAccountFacts, string | undefined, string?][] = [
  ['exact email domain', { email: 'aoife@acme.ie' }, '1', "the email's domain is acme.ie"],
  ['a subdomain of the email is its registrable domain', { email: 'sean@sales.acme.ie' }, '1', "the email's domain sales.acme.ie is acme.ie"],
  ['a deeper subdomain too', { email: 'x@eu.mail.acme.ie' }, '1', 'is acme.ie'],
  ['uppercase email', { email: 'Niamh@ACME.IE' }, '1'],
  ['"&" and "Limited" are dropped from the name', { email: 'p@gmail.com', companyName: 'Brennan & Sons' }, '2', '"Brennan & Sons" is "Brennan & Sons Limited"'],
  ['"and" for "&"', { companyName: 'Brennan and Sons Ltd.' }, '2'],
  ['a leading "The"', { companyName: 'Doyle Group' }, '3'],
  ['Teoranta and the apostrophe', { companyName: "O'Brien Engineering" }, '4'],
  ['a curly apostrophe', { companyName: 'O’Brien Engineering Ltd' }, '4'],
  ['gmail never matches, even a company at gmail.com', { email: 'mary.k@gmail.com' }, undefined, 'personal'],
  ['googlemail is personal', { email: 'tom@googlemail.com' }, undefined, 'personal'],
  ['eircom.net is personal (Irish ISP)', { email: 'j@eircom.net' }, undefined, 'personal'],
  ['btinternet is personal (UK ISP)', { email: 'j@btinternet.com' }, undefined, 'personal'],
  ['hotmail.co.uk is personal', { email: 'j@hotmail.co.uk' }, undefined, 'personal'],
  ["the policy's own personal domains", { email: 'j@homemail.ie' }, undefined, 'personal'],
  ['a personal email still matches by company name', { email: 'ciara@yahoo.ie', companyName: 'Kestrel Analytics' }, '7'],
  ["the contact's website", { website: 'https://kestrel.ie' }, '7', "the contact's website https://kestrel.ie is at kestrel.ie"],
  ['a website with www and a path', { website: 'www.northwind.co.uk/contact' }, '6'],
  ['a public suffix of two labels (co.uk)', { email: 'a@northwind.co.uk' }, '6'],
  ['org.uk', { email: 'a@laganvalleyhomes.org.uk' }, '12'],
  ['.cymru and Cyfyngedig', { companyName: 'Ty Gwyn' }, '11'],
  ['a sibling country domain is a weaker signal', { email: 'a@northwind.ie' }, '6', 'northwind.ie is a sibling of its domain northwind.co.uk'],
  ['a sibling domain the other way', { email: 'a@caledoniawind.ie' }, '10'],
  ['duplicates at one domain: the owned one', { email: 'a@harbourfoods.ie' }, '9', 'chosen over Harbour Foods because it has an owner'],
  ['one name in two countries: the domain decides', { email: 'a@atlanticdc.co.uk', companyName: 'Atlantic Data Centres' }, '17'],
  ['one name in two countries, no domain: most recently changed', { companyName: 'Atlantic Data Centres Ltd' }, '16', 'changed most recently'],
  ['a close name alone does not count', { companyName: 'Shannon Medical Device' }, undefined, 'a close name alone is not enough'],
  ['a close name with the same country counts', { companyName: 'Shannon Medical Device', country: 'Ireland' }, '13', 'both are in Ireland'],
  ['a close name in another country does not', { companyName: 'Shannon Medical Device', country: 'United Kingdom' }, undefined],
  ['Co. is a company-type word', { companyName: 'Mersey Print' }, '14'],
  ['accents: Failte for Fáilte', { companyName: 'Failte Tours' }, '15'],
  ['LLP dropped', { companyName: 'Corrib Capital' }, '18'],
  ['CIC dropped', { companyName: 'Pennine Care' }, '19'],
  ['an unknown domain and no name', { email: 'x@nowhere-ltd.ie' }, undefined, 'no company matches'],
  ['nothing to match', { email: 'not-an-email' }, undefined],
  ['the associated company is the strongest signal', { email: 'a@acme.ie', associatedCompanyId: '20' }, '20', 'HubSpot associates the contact with it'],
  ['the domain beats a different exact name', { email: 'a@acme.ie', companyName: 'Liffey Software' }, '1'],
];

const RULES: AccountRules = { ...DEFAULT_ACCOUNT_RULES, personalDomains: ['homemail.ie'] };
const byId = new Map(INDEX.map((a) => [a.companyId, a]));

describe('lead-to-account matching: Irish and UK cases', () => {
  it('has at least 30 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES.map(([name, facts, expected, words]) => ({ name, facts, expected, words })))('$name', ({ facts, expected, words }) => {
    const m = matchAccount(facts, INDEX, RULES);
    expect(m.match?.account.companyId).toBe(expected);
    if (words) expect(m.explanation).toContain(words);
    if (expected) expect(m.explanation.startsWith(`${byId.get(expected)!.name}:`)).toBe(true);
  });

  it('asks the index only for what can match: registrable domains, stems and name words, no personal domain', () => {
    expect(accountLookup({ email: 'a@sales.acme.ie', website: 'https://www.acme.co.uk', companyName: 'The Acme Group Ltd' }, RULES)).toEqual({ companyIds: [], domains: ['acme.ie', 'acme.co.uk'], stems: ['acme'], nameKey: 'acme group', nameWords: ['acme'] });
    expect(accountLookup({ email: 'a@gmail.com', associatedCompanyId: '7' }, RULES)).toEqual({ companyIds: ['7'], domains: [], stems: [], nameWords: [] });
  });

  it('each candidate found by the lookup is what matching reads (the lookup covers every case above)', () => {
    for (const [, facts, expected] of CASES) {
      if (!expected) continue;
      const q = accountLookup(facts, RULES);
      const a = byId.get(expected)!;
      const found = q.companyIds.includes(a.companyId) || a.domains.some((d) => q.domains.includes(d)) || a.domainStems.some((s) => q.stems.includes(s)) || a.nameKey === q.nameKey || a.nameWords.some((w) => q.nameWords.includes(w));
      expect({ facts, found }).toEqual({ facts, found: true });
    }
  });
});

describe('company names, domains', () => {
  it.each([
    ['Brennan & Sons Limited', 'brennan and sons'],
    ['The Doyle Group', 'doyle group'],
    ["O'Brien Engineering Teoranta", 'obrien engineering'],
    ['Kestrel Analytics DAC', 'kestrel analytics'],
    ['Acme Holdings Public Limited Company', 'acme holdings'],
    ['Ó Súilleabháin Teo.', 'o suilleabhain'],
    ['Limited', 'limited'],
    ['Smith Ltd t/a Smith Plumbing', 'smith'],
  ])('%s is "%s"', (name, key) => expect(normaliseCompanyName(name).key).toBe(key));

  it('reads registrable domains from emails, URLs and hosts', () => {
    expect(domainFacts('a@sales.acme.ie')).toEqual({ domain: 'acme.ie', stem: 'acme' });
    expect(domainFacts('https://shop.acme.co.uk/x?y=1')).toEqual({ domain: 'acme.co.uk', stem: 'acme' });
    expect(domainFacts('10.0.0.1')).toBeUndefined();
    expect(domainFacts('')).toBeUndefined();
  });

  it('knows free-mail domains from the maintained list and its Irish and UK additions', () => {
    for (const d of ['gmail.com', 'yahoo.co.uk', 'outlook.ie', 'eircom.net', 'btinternet.com', 'sky.com']) expect(isPersonalDomain(d)).toBe(true);
    for (const d of ['acme.ie', 'hubspot.com', 'gov.ie']) expect(isPersonalDomain(d)).toBe(false);
  });

  it.each([
    ['mail.eircom.net', [], true], // a subdomain of a listed provider
    ['Mail.BTInternet.com', [], true],
    ['sales.acme.ie', [], false],
    ['acme.ie', ['ACME.ie'], true], // the policy's additions, in any case
    ['sales.acme.ie', ['acme.ie'], true],
    ['acme.ie', ['sales.acme.ie'], false], // an addition names its domain, not its parent
  ] as const)('%s with the policy adding %j is personal: %s', (domain, additions, personal) => {
    expect(isPersonalDomain(domain, additions)).toBe(personal);
  });
});

describe('routingLookup: a lead associated with a company asks the index for it alone', () => {
  // Whatever else its email, website or name would find, the associated company outranks it: the
  // match and its reasons over the whole index equal those over that company alone.
  const inIndex = (ids: string[]) => INDEX.filter((a) => ids.includes(a.companyId));
  it.each([
    ['associated, and its email at another owned account', { email: 'aoife@acme.ie', associatedCompanyId: '9' }],
    ['associated, its name exactly another', { companyName: 'Brennan & Sons', associatedCompanyId: '3' }],
    ['associated, and every signal agrees', { email: 'x@northwind.co.uk', companyName: 'Northwind Logistics', country: 'United Kingdom', associatedCompanyId: '6' }],
  ] as [string, LeadAccountFacts][])('%s', (_label, facts) => {
    const all = matchAccount(facts, INDEX);
    const narrowed = matchAccount(facts, inIndex(routingLookup(facts).companyIds));
    expect(routingLookup(facts)).toEqual({ companyIds: [facts.associatedCompanyId], domains: [], stems: [], nameWords: [] });
    expect(narrowed.match?.account.companyId).toBe(facts.associatedCompanyId);
    expect(narrowed.match).toEqual(all.match);
    expect(narrowed.explanation).toBe(all.explanation);
  });

  it('a lead with no associated company asks for what its facts name', () => {
    const facts = { email: 'sean@sales.acme.ie', companyName: 'Acme' };
    expect(routingLookup(facts)).toEqual(accountLookup(facts));
  });
});
