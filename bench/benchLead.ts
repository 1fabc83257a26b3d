import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot, type FakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { applyHandoffSetup, planHandoffSetup } from '../src/hubspot/setup.js';

/** An Irish MQL (a demo request, 120 employees) and its company, written straight into the fake: its contact id. */
export function seedBenchLead(fake: FakeHubSpot, n: number): string {
  const check = fake.store.checkWrite('contacts', { email: `lead${n}@harbour${n}.ie`, firstname: 'Lead', jobtitle: 'CFO', country: 'Ireland', state: 'Cork', recent_conversion_event_name: 'Book a demo', recent_conversion_date: '2026-11-24T10:00:00Z' });
  const company = fake.store.checkWrite('companies', { name: `Harbour ${n}`, numberofemployees: '120' });
  if (!check.ok || !company.ok) throw new Error('bad bench seed');
  const c = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
  const co = fake.store.create('companies', company.values, { sourceType: 'IMPORT' });
  fake.store.associate('contacts', c.id, 'companies', co.id, 1);
  return c.id;
}

/**
 * A fake portal served over HTTP at a pinned instant, set up for Handoff (the demo owners, its
 * properties), with no records yet; a client for it. `portalId`: its HubSpot id, when not the demo portal's.
 */
export async function servedFake(policy: HandoffPolicy, now: number, portalId?: number) {
  const fake = createFakeHubSpot({ rateLimits: false, now: () => now, ...(portalId !== undefined ? { account: { portalId } } : {}) });
  for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
  const hub = await serveFakeHubSpot(fake);
  const client = hubspotClient({ accessToken: 'bench', baseUrl: hub.url });
  await applyHandoffSetup(client, await planHandoffSetup(client, policy), () => undefined);
  return { fake, hub, client };
}

/** `servedFake` with `leads` bench leads seeded. */
export async function benchPortal(policy: HandoffPolicy, leads: number, now: number) {
  const { fake, hub } = await servedFake(policy, now);
  const ids = Array.from({ length: leads }, (_, n) => seedBenchLead(fake, n + 1));
  return { fake, hub, ids };
}

/**
 * A directory for an embedded (PGlite) ledger, as `npm start` and `handoff serve --embedded-ledger`
 * keep theirs on disk: PGlite's in-memory file system copies a growing file whole as it grows, which
 * a long bench would measure instead of the ledger. `remove` deletes it.
 */
export function embeddedLedgerDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-ledger-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
