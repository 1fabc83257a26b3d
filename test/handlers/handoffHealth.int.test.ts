import { getHandoffHealth } from '../../src/handlers/getHandoffHealth.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, leedsHighScore, seedLead } from '../support/handoffPortal.js';

const hub = useFakeHubSpot();
const wf = { kind: 'workflow' as const, id: 'wf' };

describe('getHandoffHealth: the managers\' numbers, from the handoff properties', () => {
  it('counts the funnel, SLA compliance and what needs attention for the period', async () => {
    const ctx = await handoffPortal(hub);
    const a = seedLead(hub, corkDemoRequest(1));
    const b = seedLead(hub, corkDemoRequest(2));
    const c = seedLead(hub, leedsHighScore(1));
    const d = seedLead(hub, leedsHighScore(2));
    const ra = await routeLead(ctx, { contactId: a.contactId, actor: wf });
    const rb = await routeLead(ctx, { contactId: b.contactId, actor: wf });
    await routeLead(ctx, { contactId: c.contactId, actor: wf });
    const rd = await routeLead(ctx, { contactId: d.contactId, actor: wf });
    // a: touched in 20 minutes, accepted, converted; b: rejected (bad timing); d: accepted, touched late
    hub.advance(20 * 60_000);
    hub.fake.store.logSalesActivity(hub.fake.store.get('contacts', a.contactId)!, hub.now().getTime());
    const { checkSla } = await import('../../src/handlers/checkSla.js');
    await checkSla(ctx, { contactId: a.contactId, actor: wf });
    await recordOutcome(ctx, { contactId: a.contactId, action: 'accept', actor: { kind: 'user', id: ra.ownerId! } });
    await recordOutcome(ctx, { contactId: a.contactId, action: 'convert', dealId: '9999', actor: wf }).catch(() => undefined);
    await recordOutcome(ctx, { contactId: b.contactId, action: 'reject', reasonCode: 'bad-timing', actor: { kind: 'user', id: rb.ownerId! } });
    await recordOutcome(ctx, { contactId: d.contactId, action: 'accept', actor: { kind: 'user', id: rd.ownerId! } });
    hub.advance(24 * 3_600_000); // Thu 09:50: c and d are past their 8-hour SLA (due Thu 09:00) untouched

    hub.fake.calls.reset();
    const health = await getHandoffHealth(ctx, { period: 'this-quarter' });
    expect(hub.fake.calls.count('POST /crm/objects/2026-03/contacts/search')).toBe(2);
    expect(health.period.label).toBe('2026-Q4');
    expect(health.funnel).toMatchObject({ mql: 4, sql: 2, rejected: 1, mqlToSql: 50 });
    expect(health.sla).toMatchObject({ attempts: 4, met: 3, breachedOpen: 1, medianFirstTouchMinutes: 20 });
    // A response is a touch, an accept or a reject: b (rejected at once) and d (accepted at once) met it untouched; c is past due.
    expect(health.sla.missed).toBe(0);
    expect(health.sla.compliance).toBe(75);
    expect(health.attention.map((x) => [x.contactId, x.status])).toEqual([[c.contactId, 'breached']]);
    expect(health.rejectionsBySource).toEqual([{ source: 'UNKNOWN', reasons: { 'bad-timing': 1 }, total: 1 }]);
    expect(health.byTeam.map((t) => [t.id, t.attempts])).toEqual([['ie-sales', 2], ['uk-sales', 2]]);
  });

  it('names a period it cannot read', async () => {
    const ctx = await handoffPortal(hub);
    await expect(getHandoffHealth(ctx, { period: 'Q5' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"Q5" is not this-quarter') });
  });
});
