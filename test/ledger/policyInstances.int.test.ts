import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import { PEOPLE } from '../support/agreementServer.js';
import { rawDefaultPolicy } from '../support/policyFixtures.js';
import { PROCESS_SECRET, startServerProcess, writePolicyFile, type ServerProcess } from '../support/serverProcesses.js';
import { scratchDatabase, TEST_DATABASE_URL } from '../support/testLedger.js';
import { stringify } from 'yaml';

// A version the approvers activate on one instance is used by every instance on the same
// PostgreSQL ledger within seconds, without a restart; a server started later with the old file
// runs the approved version and says why. Skipped without PostgreSQL, as the other multi-instance
// drills are (CI sets HANDOFF_REQUIRE_POSTGRES=1, so there a missing server fails).
if (!TEST_DATABASE_URL && process.env.HANDOFF_REQUIRE_POSTGRES === '1') throw new Error('HANDOFF_REQUIRE_POSTGRES=1 but HANDOFF_TEST_DATABASE_URL names no PostgreSQL');
const describePg = TEST_DATABASE_URL ? describe : describe.skip;
jest.setTimeout(120_000);

async function signedPost(server: string, path: string, body: unknown, email?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = `${server}${path}${email ? `?userId=1&userEmail=${encodeURIComponent(email)}&portalId=${DEMO_ACCOUNT.portalId}` : ''}`;
  const text = JSON.stringify(body);
  const res = await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(PROCESS_SECRET, 'POST', url, text, Date.now()) } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const versionOf = async (server: string) => ((await (await fetch(`${server}/healthz`)).json()) as { policyVersion: string }).policyVersion;

describePg('a newly activated version on several instances', () => {
  it('both instances use it within 5 s; a server started later with the old file runs it and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-policy-instances-'));
    const db = await scratchDatabase(TEST_DATABASE_URL!);
    const fake = createFakeHubSpot({ rateLimits: false });
    for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
    const hub = await serveFakeHubSpot(fake);
    const servers: ServerProcess[] = [];
    try {
      const raw = rawDefaultPolicy();
      const policyFile = writePolicyFile(dir, raw);
      for (const _ of [0, 1]) servers.push(await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url }));
      const [a, b] = servers as [ServerProcess, ServerProcess];
      expect([await versionOf(a.url), await versionOf(b.url)]).toEqual(['2026.12.2', '2026.12.2']);

      const next = stringify({ ...raw, version: '2027.1.1', sla: { ...(raw.sla as object), atRiskPercent: 60 } });
      const made = await signedPost(a.url, '/api/admin/proposals', { source: next, proposedBy: 'Marketing ops' });
      expect(made.status).toBe(200);
      const id = made.body.id as number;
      expect((await signedPost(a.url, '/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.headOfSales)).body.activated).toBe(false);
      const activatedAt = Date.now();
      expect((await signedPost(a.url, '/api/cards/policy-review', { proposalId: id, decision: 'approve' }, PEOPLE.headOfMarketing)).body.activated).toBe(true);

      const seenAfter: Record<string, number> = {};
      while (Object.keys(seenAfter).length < 2 && Date.now() - activatedAt < 10_000) {
        for (const [name, s] of [['a', a], ['b', b]] as const) if (!seenAfter[name] && (await versionOf(s.url)) === '2027.1.1') seenAfter[name] = Date.now() - activatedAt;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Object.keys(seenAfter).sort()).toEqual(['a', 'b']);
      expect(seenAfter.a).toBeLessThan(5_000);
      expect(seenAfter.b).toBeLessThan(5_000);

      // A later start with the old file: the approved version runs, and the server says which and why.
      const late = await startServerProcess({ policyFile, hubspotUrl: hub.url, databaseUrl: db.url });
      servers.push(late);
      expect(await versionOf(late.url)).toBe('2027.1.1');
      expect(late.output()).toContain(`"level":"warn","event":"policy_at_start","version":"2027.1.1","why":"runs version 2027.1.1, approved by Siobhán Byrne (Head of Sales) and Gráinne Walsh (Head of Marketing) in HubSpot; ${policyFile} (version 2026.12.2) differs from it and is not active.`);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await hub.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
