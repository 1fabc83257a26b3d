import { runAudit } from '../../src/audit/runAudit.js';
import { seedDemoPortal, type DemoContactTruth } from '../../src/fake-hubspot/seed/seedDemoPortal.js';
import { HubSpotCrmGateway } from '../../src/hubspot/hubspotCrmGateway.js';
import { percentile } from '../../src/domain/metrics/percentile.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, seedLead } from '../support/handoffPortal.js';
import { defaultPolicy } from '../support/policyFixtures.js';
import { routeLead } from '../../src/handlers/routeLead.js';

const hub = useFakeHubSpot();

describe('handoff audit', () => {
  it("infers the funnel of a portal that never used Handoff, and it equals the generator's ground truth", async () => {
    const summary = seedDemoPortal(hub.fake.store, { seed: 42, now: hub.now().getTime(), contacts: 300, days: 120 });
    const ctx = { crm: new HubSpotCrmGateway(hub.api()), policy: defaultPolicy(), now: () => hub.now() };
    const pages: number[] = [];
    const audit = await runAudit(ctx, 'last-90-days', (n) => pages.push(n));
    if (audit.mode !== 'inferred') throw new Error('expected the inferred audit');

    // Ground truth: what the generator did, computed from its own log, not from HubSpot.
    const from = hub.now().getTime() - 90 * 86_400_000;
    const cohort = summary.truth.filter((t) => t.mqlAt !== undefined && t.mqlAt >= from && t.mqlAt < hub.now().getTime());
    const had = (k: keyof DemoContactTruth) => cohort.filter((t) => t[k] !== undefined).length;
    expect(cohort.length).toBeGreaterThan(50);
    expect(audit.funnel).toMatchObject({ mql: cohort.length, sql: had('sqlAt'), opportunity: had('opportunityAt'), customer: had('customerAt') });
    const assign = cohort.filter((t) => t.ownerAssignedAt !== undefined).map((t) => Math.round((t.ownerAssignedAt! - t.mqlAt!) / 60_000));
    expect(audit.ownerAssignment).toEqual({ assigned: assign.length, unassigned: cohort.length - assign.length, medianMinutes: percentile(assign, 50), p90Minutes: percentile(assign, 90) });
    expect(audit.firstTouch.touched).toBe(cohort.filter((t) => t.touches.length > 0).length);
    expect(audit.firstTouch.exact).toBe(cohort.filter((t) => t.touches.length === 1).length);
    expect(audit.stuck).toEqual({ mqlWithoutOwner: cohort.filter((t) => !t.ownerId).length, ownedNeverTouched: cohort.filter((t) => t.ownerId && t.touches.length === 0).length });
    expect(audit.cannotKnow.join('\n')).toMatch(/SLA compliance: there was no agreed SLA clock/);
    expect(audit.cannotKnow.join('\n')).toMatch(/rejection reasons/);
    expect(pages.at(-1)).toBe(cohort.length);
    // One property check, one search page, and the portal's labels for its traffic sources.
    expect(hub.fake.calls.byRoute()).toEqual({ 'GET /crm/properties/2026-03/contacts/handoff_stage': 1, 'POST /crm/objects/2026-03/contacts/search': 1, 'GET /crm/properties/2026-03/contacts/hs_analytics_source': 1 });
    expect(audit.bySource.every((s) => s.sourceLabel && !/_/.test(s.sourceLabel))).toBe(true);
  });

  it('measures a portal that uses Handoff from its handoff properties', async () => {
    const ctx = await handoffPortal(hub);
    const { contactId } = seedLead(hub, corkDemoRequest());
    await routeLead(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' } });
    const audit = await runAudit(ctx, 'this-quarter');
    expect(audit).toMatchObject({ mode: 'handoff', funnel: { mql: 1 }, period: { label: '2026-Q4' } });
  });

  it('names a period it cannot read', async () => {
    const ctx = { crm: new HubSpotCrmGateway(hub.api()), policy: defaultPolicy(), now: () => hub.now() };
    await expect(runAudit(ctx, 'yesterday')).rejects.toThrow('period "yesterday" is not this-quarter');
  });
});
