import { join } from 'node:path';
import { getPolicyEvidence } from '../../src/handlers/policyEvidence.js';
import { getPolicyPreview } from '../../src/handlers/policyPreview.js';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { routeLead } from '../../src/handlers/routeLead.js';
import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import { loadPolicyFile } from '../../src/policy-file/loadPolicyFile.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { corkDemoRequest, handoffPortal, leedsHighScore, seedLead, MQL_WORKFLOW as workflow } from '../support/handoffPortal.js';
import { ROOT } from '../support/policyFixtures.js';

// The policy page's evidence and preview from the portal itself: the ledger's handoffs (criteria as
// recorded at routing) and HubSpot's contacts, through the real handlers on the fake.
const hub = useFakeHubSpot();
const proposed = loadPolicyFile(join(ROOT, 'examples/proposed.policy.yaml'));

/** Three Irish demo requests (two accepted, one rejected) and three UK leads in on their score (one accepted, two rejected). */
async function history(ctx: HandlerContext): Promise<{ cork: string[]; leeds: string[] }> {
  const decide = async (contactId: string, accept: boolean) => {
    const routed = await routeLead(ctx, { contactId, actor: workflow });
    const actor = { kind: 'user' as const, id: routed.ownerId! };
    await recordOutcome(ctx, accept ? { contactId, action: 'accept', actor } : { contactId, action: 'reject', reasonCode: 'not-a-fit', actor });
  };
  const cork = [1, 2, 3].map((n) => seedLead(hub, corkDemoRequest(n)).contactId);
  const leeds = [1, 2, 3].map((n) => seedLead(hub, leedsHighScore(n)).contactId);
  for (const [i, id] of cork.entries()) await decide(id, i < 2);
  for (const [i, id] of leeds.entries()) await decide(id, i < 1);
  // The page is read a minute later (a period ends at its reading, exclusive).
  hub.advance(60_000);
  return { cork, leeds };
}

describe('the evidence from the portal', () => {
  it('counts each criterion as recorded at routing, not as the contact reads today', async () => {
    const ctx = await handoffPortal(hub);
    const { cork } = await history(ctx);
    // After routing, a Cork lead's score rises past 60: the evidence still reads what routing saw.
    hub.fake.store.update(hub.fake.store.get('contacts', cork[0]!)!, new Map([['hubspotscore', '95']]), { sourceType: 'CRM_UI', sourceLabel: 'test' }, hub.now().getTime());
    const e = await getPolicyEvidence(ctx, {});
    expect(e).toMatchObject({ decided: 6, open: 0, notRecorded: 0, judged: 'recorded', policyVersion: '2026.12.2', period: { label: 'last 182 days' } });
    const row = (id: string) => e.criteria.find((c) => c.id === id)!;
    expect(row('demo-request')).toMatchObject({ met: { leads: 3, accepted: 2, opportunities: 0 }, notMet: { leads: 3, accepted: 1, opportunities: 0 }, verdict: 'too-few', verdictLabel: 'Too few leads to tell' });
    expect(row('lead-score')).toMatchObject({ met: { leads: 3, accepted: 1 }, notMet: { leads: 3, accepted: 2 } });
    expect(row('country')).toMatchObject({ verdict: 'no-contrast', reading: 'Every one of the 6 decided leads met it: history has nothing to compare them with.' });
    expect(row('demo-request').reading).toBe('Accepted 67% (2 of 3) when it was met, 33% (1 of 3) when it was not. 3 decided leads on one side: too few to tell (30 needed on each).');
  });

  it('reads the signals from HubSpot, labelled as people read them', async () => {
    const ctx = await handoffPortal(hub);
    await history(ctx);
    const e = await getPolicyEvidence(ctx, { signals: ['contact.country', 'size-band'] });
    expect(e.signals.map((s) => [s.label, s.value, s.met.leads, s.notMet.leads])).toEqual([
      ['Country/Region', 'Ireland', 3, 3],
      ['Country/Region', 'United Kingdom', 3, 3],
      ['Company size band', '50-249 employees', 6, 0],
    ]);
  });

  it('names a bad period or signal, and reads nothing', async () => {
    const ctx = await handoffPortal(hub);
    await expect(getPolicyEvidence(ctx, { period: 'since-forever' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^period: period "since-forever" is not/) });
    await expect(getPolicyEvidence(ctx, { signals: ['Industry'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^signals\.0: "Industry" is not a signal/) });
    await expect(getPolicyEvidence(ctx, { signals: 'size-band' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^signals: /) });
  });
});

describe('the preview from the portal', () => {
  it('replays the period\'s contacts under the proposed version, with what sales did with the newly-out leads', async () => {
    if (!proposed.ok) throw new Error('examples/proposed.policy.yaml does not validate');
    const ctx = await handoffPortal(hub);
    await history(ctx);
    const p = await getPolicyPreview({ ...ctx, proposedPolicy: proposed.value }, { period: 'last-30-days' });
    expect(p).toMatchObject({ leads: 6, current: { version: '2026.12.2', mqls: 6 }, proposed: { version: '2027.1.1', mqls: 3 } });
    // The UK leads came in on their score alone, which the proposal drops: one was accepted, two rejected.
    expect(p.newlyOut).toEqual({ leads: 3, decided: 3, accepted: 1, opportunities: 0 });
    expect(p.changes.map((c) => c.sentence)).toContain('drops "HubSpot score is 60 or more": 3 fewer MQLs, of which 1 was accepted and 0 became opportunities');
  });

  it('says there is nothing to preview when the host was given no proposal', async () => {
    const ctx = await handoffPortal(hub);
    await expect(getPolicyPreview(ctx, {})).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('handoff propose FILE') });
  });
});
