/**
 * `npm run sample:leads`: writes examples/leads-sample.csv, a realistic HubSpot-style contacts
 * export of 600 inbound leads from Irish and UK B2B companies over 2026 Q3, from a fixed seed
 * (the same file every run).
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS } from '../src/lead-import/readLeadsFile.js';
import { seededRandom } from '../src/lib/seededRandom.js';

const rand = seededRandom(20260701);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;

const FIRST = ['Aoife', 'Ciarán', 'Niamh', 'Seán', 'Orla', 'Conor', 'Emma', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Callum', 'Rhys', 'Megan', 'Eilidh', 'Ruairí', 'Sinéad', 'Darragh', 'Grace', 'Jack'];
const LAST = ['Murphy', 'Kelly', "O'Brien", 'Walsh', 'Byrne', 'Smith', 'Jones', 'Taylor', 'Brown', 'Campbell', 'Stewart', 'Davies', 'Evans', 'Thomas', 'Quinn', 'McLaughlin', 'Doherty', 'Nolan'];
const TITLES = ['Operations Director', 'Head of Marketing', 'Sales Manager', 'CFO', 'IT Manager', 'Managing Director', 'Procurement Lead', 'Marketing Executive', 'Student', 'Office Manager', ''];
const CONVERSIONS = ['Book a demo', 'Contact sales', 'Pricing page form', 'Whitepaper: Lead routing 101', 'Webinar registration', 'Newsletter signup'];
const SOURCES = ['ORGANIC_SEARCH', 'PAID_SEARCH', 'PAID_SOCIAL', 'REFERRALS', 'EMAIL_MARKETING', 'DIRECT_TRAFFIC'];
const PLACES: { country: string; state: string; zip: () => string; weight: number }[] = [
  { country: 'Ireland', state: 'Dublin', zip: () => `D${String(1 + Math.floor(rand() * 24)).padStart(2, '0')} X${Math.floor(rand() * 9)}Y${Math.floor(rand() * 9)}`, weight: 30 },
  { country: 'Ireland', state: 'Cork', zip: () => 'T12 K8AF', weight: 10 },
  { country: 'Ireland', state: 'Galway', zip: () => 'H91 E2K3', weight: 6 },
  { country: 'Ireland', state: 'Limerick', zip: () => 'V94 T9PX', weight: 4 },
  { country: 'United Kingdom', state: 'Northern Ireland', zip: () => `BT${1 + Math.floor(rand() * 9)} 5GS`, weight: 8 },
  { country: 'United Kingdom', state: 'England', zip: () => pick(['SW1A 1AA', 'M1 1AE', 'B1 1BB', 'LS1 4DY', 'BS1 4ST']), weight: 28 },
  { country: 'United Kingdom', state: 'Scotland', zip: () => pick(['EH1 1YZ', 'G2 1DY', 'AB10 1XG']), weight: 8 },
  { country: 'United Kingdom', state: 'Wales', zip: () => pick(['CF10 1EP', 'SA1 1NW']), weight: 4 },
  { country: 'France', state: 'Île-de-France', zip: () => '75001', weight: 2 },
];
const place = () => {
  let r = rand() * PLACES.reduce((a, p) => a + p.weight, 0);
  for (const p of PLACES) if ((r -= p.weight) < 0) return p;
  return PLACES[0]!;
};
const COMPANY_WORDS = ['Harbour', 'Liffey', 'Shannon', 'Atlantic', 'Celtic', 'Thames', 'Clyde', 'Severn', 'Mourne', 'Burren', 'Pennine', 'Kestrel'];
const COMPANY_KINDS = ['Logistics', 'Analytics', 'Engineering', 'Software', 'Foods', 'Medical', 'Energy', 'Consulting', 'Print', 'Robotics'];
const companies = Array.from({ length: 120 }, (_, i) => {
  const name = `${COMPANY_WORDS[i % COMPANY_WORDS.length]} ${COMPANY_KINDS[Math.floor(i / COMPANY_WORDS.length) % COMPANY_KINDS.length]}`;
  const size = pick([4, 12, 25, 40, 60, 90, 120, 180, 240, 320, 600, 1500]);
  const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}.${pick(['ie', 'co.uk', 'com'])}`;
  return { name, domain, size, owner: chance(0.12) ? pick(['102', '103', '202', '203']) : '' };
});

const start = Date.parse('2026-07-01T07:00:00Z');
const QUARTER_MS = 92 * 86_400_000;
const rows: Record<string, string>[] = [];
for (let i = 0; i < 600; i++) {
  const created = new Date(start + Math.floor(rand() * QUARTER_MS));
  const p = place();
  const co = pick(companies);
  const first = pick(FIRST);
  const last = pick(LAST);
  const personal = chance(0.08);
  const email = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `@${personal ? pick(['gmail.com', 'hotmail.co.uk', 'eircom.net']) : co.domain}`;
  const conv = pick(CONVERSIONS);
  const convDate = new Date(created.getTime() - Math.floor(rand() * 3) * 86_400_000);
  rows.push({
    'Record ID': String(100_001 + i),
    'Create Date': created.toISOString(),
    Email: email,
    'First Name': first,
    'Last Name': last,
    'Job Title': pick(TITLES),
    'Country/Region': p.country,
    'State/Region': p.state,
    'Postal Code': p.zip(),
    'HubSpot Score': String(Math.floor(rand() * 100)),
    'Recent Conversion': conv,
    'Recent Conversion Date': convDate.toISOString(),
    'Number of Pageviews': String(Math.floor(rand() * 14)),
    'Original Source': pick(SOURCES),
    'Lifecycle Stage': chance(0.04) ? 'customer' : 'lead',
    'Associated Company': co.name,
    'Company Domain Name': co.domain,
    'Number of Employees': String(co.size),
    'Company Owner ID': co.owner,
  });
}
const columns = Object.keys(EXPORT_COLUMNS).filter((c) => c in rows[0]!);
writeFileSync('examples/leads-sample.csv', stringify(rows, { header: true, columns }));
process.stdout.write(`wrote examples/leads-sample.csv (${rows.length} leads)\n`);
