import { policyInWords } from '../../src/domain/index.js';
import { getPolicyOverview } from '../../src/handlers/getPolicyOverview.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { handoffPortal } from '../support/handoffPortal.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';

// The "Handoff policy" app page's answer: the policy in words (HubSpot's names where the policy
// names ids), what changed since the version the ledger ran before, and the admin's view.
const hub = useFakeHubSpot();
const ADMIN = '101'; // Siobhán Byrne, admin
const REP = '102'; // Ciarán Murphy, a rep

describe('the policy page', () => {
  it('tells the policy in words, people by name and HubSpot things by their labels, never ids', async () => {
    const ctx = await handoffPortal(hub);
    const page = await getPolicyOverview(ctx, { viewerOwnerId: REP });
    expect(page.policy).toMatchObject({ name: 'Default handoff policy for an Irish/UK B2B company', version: '2026.12.2' });
    expect(page.policy.approvals).toEqual([expect.objectContaining({ name: 'Siobhán Byrne', current: false, forVersion: '2026.11.1' }), expect.objectContaining({ name: 'Gráinne Walsh', current: false })]);
    const text = page.policy.sections.flatMap((s) => [s.title, ...s.lines]).join('\n');
    expect(page.policy.sections.map((s) => s.title)).toEqual(['The handoff', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Routing', 'Response SLA', 'Escalation', 'Reasons', 'In HubSpot']);
    expect(text).toContain('Republic of Ireland → Ireland (island of Ireland) (Ciarán Murphy, Aoife Kelly and Niamh O\'Neill), weighted round robin');
    expect(text).toContain('Demo or sales request (hot): respond within 1 business hour');
    expect(text).toContain('At breach + 4h: Reassign to the next available owner');
    expect(text).toContain("A lead's company is the one HubSpot associates it with; else the one at its email's or website's domain, or with its company name (without \"Ltd\", \"Teoranta\" and the like); a close name counts only with the same country or a sibling domain; personal email addresses (and campus.ie) never match; among equals, the company with an owner, then the one with most contacts, then the one changed most recently");
    expect(text).toContain('Each handoff is mirrored as a Lead in Lead pipeline:');
    expect(text).toContain('Disqualified in HubSpot as “Not a fit” → rejected: Not a fit for our product');
    expect(text).not.toMatch(/lead-pipeline-id|NOT_A_FIT|\bciaran\b|ie-sales/);
    // A rep reads the policy, not the server's state.
    expect(page.admin).toBeUndefined();
  });

  it('says what changed since the version the ledger ran before, in the same words', async () => {
    const ctx = await handoffPortal(hub);
    const before = parsedPolicyWith((p) => {
      p.version = '2026.11.1';
      p.sla.tiers[0].firstTouchBusinessHours = 2;
      p.rejectionReasons = p.rejectionReasons.filter((r: { code: string }) => r.code !== 'competitor');
      delete p.hubspot.leadPipeline.disqualificationReasons.COMPETITOR;
    });
    await ctx.ledger.recordPolicy(policyInWords(before), new Date('2026-11-20T09:00:00Z'));
    await ctx.ledger.recordPolicy(policyInWords(ctx.policy), new Date('2026-12-01T09:00:00Z'));
    const page = await getPolicyOverview(ctx, { viewerOwnerId: REP });
    expect(page.versionsRun.map((v) => v.version)).toEqual(['2026.12.2', '2026.11.1']);
    expect(page.previous).toMatchObject({ version: '2026.11.1', firstSeenAt: '2026-11-20T09:00:00.000Z' });
    expect(page.previous!.changes).toEqual(
      expect.arrayContaining([
        'Response SLA: no longer "Demo or sales request (hot): respond within 2 business hours (when Asked for a demo or to talk to sales)"',
        'Response SLA: now "Demo or sales request (hot): respond within 1 business hour (when Asked for a demo or to talk to sales)"',
        'Reasons: now "Rejected: Competitor → disqualified"',
      ]),
    );
    expect(page.previous!.changes.some((c) => c.startsWith('Routing'))).toBe(false);
  });

  it("shows an admin where the server is and what Handoff could not finish; a portal without Leads is named", async () => {
    const ctx = await handoffPortal(hub);
    hub.fake.store.portal.salesHub = 'starter';
    const page = await getPolicyOverview(ctx, { viewerOwnerId: ADMIN, serverUrl: 'https://handoff.example.ie' });
    expect(page.admin).toMatchObject({ serverUrl: 'https://handoff.example.ie', outbox: { pending: 0, parked: 0 }, parkedJobs: 0 });
    expect(page.admin!.ledger).toMatch(/^(PostgreSQL|PGlite \(embedded\))$/);
    expect(page.admin!.leads).toContain('Sales Hub Professional or Enterprise');
    // Without HubSpot's names the page still reads, by the policy's ids.
    expect(page.policy.sections.at(-1)!.lines[0]).toContain('the lead pipeline lead-pipeline-id');
  });
});
