/**
 * The burst's portal as HubSpot holds it: the demo owners, Handoff's properties, 24 owned accounts
 * and `leads` qualifying leads that vary where they are, how big their company is and what they
 * asked for. Seeded the same way in HubSpot's process (the measured burst) and in Handoff's (the
 * one-by-one replay), so both see the same ids.
 */
import type { HandoffPolicy } from '../src/domain/index.js';
import type { FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { servedFake } from './benchLead.js';

/** The fake, served over HTTP at a pinned instant, set up for Handoff, with the accounts and the leads: their contact ids in seeding order. `portalId`: when not the demo portal's. */
export async function burstFake(policy: HandoffPolicy, leads: number, now: number, portalId?: number) {
  const { fake, hub, client } = await servedFake(policy, now, portalId);
  seedAccounts(fake);
  const ids = Array.from({ length: leads }, (_, n) => seedVariedLead(fake, n + 1));
  return { fake, hub, client, ids };
}

/** Leads HubSpot shows routed to their account's owner by lead-to-account matching. */
export function routedByAccount(fake: FakeHubSpot, ids: readonly string[]): number {
  return ids.filter((id) => fake.store.get('contacts', id)!.properties.get('handoff_routing_rule') === 'existing-account').length;
}

const PLACES = [
  ['Ireland', 'Cork'],
  ['Ireland', 'Dublin'],
  ['Ireland', 'Galway'],
  ['United Kingdom', 'Northern Ireland'],
  ['United Kingdom', 'England'],
  ['United Kingdom', 'Scotland'],
] as const;
const SIZES = ['15', '120', '900'];
const ASKS = ['Book a demo', 'Contact sales', 'Pricing page', 'Webinar'];

/** The sales pool's existing accounts: owned companies at their own domains, in the account index before the burst. */
const ACCOUNT_OWNERS = ['102', '103', '104', '201', '202', '203'];
const ACCOUNTS = 24;
function seedAccounts(fake: FakeHubSpot): void {
  for (let k = 0; k < ACCOUNTS; k++) {
    const check = fake.store.checkWrite('companies', { name: `Account ${k} Ltd`, domain: `account${k}.ie`, numberofemployees: '120', country: 'Ireland', hubspot_owner_id: ACCOUNT_OWNERS[k % ACCOUNT_OWNERS.length]! });
    if (!check.ok) throw new Error(`bad account seed: ${JSON.stringify(check)}`);
    fake.store.create('companies', check.values, { sourceType: 'IMPORT' });
  }
}

/**
 * A qualifying lead that varies where it is, how big its company is and what it asked for, so every
 * routing rule gets its share. One in four is associated with no company and writes from a
 * subdomain of an existing account: lead-to-account matching finds it in the index.
 */
function seedVariedLead(fake: FakeHubSpot, n: number): string {
  const [country, state] = PLACES[n % PLACES.length]!;
  if (n % 4 === 0) {
    const lead = fake.store.checkWrite('contacts', { email: `lead${n}@sales.account${n % ACCOUNTS}.ie`, firstname: 'Lead', lastname: String(n), jobtitle: 'CFO', country, state, recent_conversion_event_name: ASKS[n % ASKS.length]!, recent_conversion_date: '2026-11-24T10:00:00Z', hubspotscore: '60' });
    if (!lead.ok) throw new Error(`bad burst seed: ${JSON.stringify(lead)}`);
    return fake.store.create('contacts', lead.values, { sourceType: 'IMPORT' }).id;
  }
  const check = fake.store.checkWrite('contacts', { email: `lead${n}@harbour${n}.ie`, firstname: 'Lead', lastname: String(n), jobtitle: 'CFO', country, state, recent_conversion_event_name: ASKS[Math.floor(n / PLACES.length) % ASKS.length]!, recent_conversion_date: '2026-11-24T10:00:00Z', hubspotscore: '60' });
  const company = fake.store.checkWrite('companies', { name: `Harbour ${n}`, numberofemployees: SIZES[Math.floor(n / 24) % SIZES.length]!, country });
  if (!check.ok || !company.ok) throw new Error(`bad burst seed: ${JSON.stringify(check.ok ? company : check)}`);
  const c = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
  const co = fake.store.create('companies', company.values, { sourceType: 'IMPORT' });
  fake.store.associate('contacts', c.id, 'companies', co.id, 1);
  return c.id;
}
