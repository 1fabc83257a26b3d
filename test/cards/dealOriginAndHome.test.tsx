import { BarChart, Button, ErrorState, Link, Select, Statistics, StatisticsItem, Table, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { DealOriginCardView } from '../../src/app/cards/DealOriginCardView.js';
import { BackendError, type HandoffBackend } from '../../src/app/cards/lib/backend.js';
import { HandoffHealthView } from '../../src/app/pages/HandoffHealthView.js';
import { handoffHealth, withAttempts, type HandoffFacts, type HandoffRecord } from '../../src/domain/index.js';
import { defaultPolicy } from '../support/policyFixtures.js';

const unused = async () => {
  throw new Error('not used');
};

describe('deal origin card', () => {
  it('shows the handoff that sourced the deal: dates, time to deal, first owner, policy and path', async () => {
    const backend: HandoffBackend = {
      handoffState: unused,
      recordOutcome: unused,
      handoffHealth: unused,
      policyOverview: unused, policyEvidence: unused, policyPreview: unused, policyAgreement: unused, reviewProposal: unused, setAvailability: unused,
      dealOrigin: async () => ({
        dealId: '77',
        dealCreatedAt: '2026-11-27T10:00:00.000Z',
        handoffs: [
          {
            contactId: '1001',
            name: 'Deirdre Nolan',
            stage: 'converted',
            mqlAt: '2026-11-25T09:30:00.000Z',
            sqlAt: '2026-11-25T10:05:00.000Z',
            daysMqlToDeal: 2,
            originalOwner: { ownerId: '102', name: 'Ciarán Murphy' },
            policyVersion: '2026.12.1',
            path: [
              { event: 'route', at: '2026-11-25T09:30:00.000Z', reason: 'Territory' },
              { event: 'reassign', at: '2026-11-25T14:00:00.000Z', reason: 'SLA' },
              { event: 'accept', at: '2026-11-25T15:00:00.000Z', reason: 'Accepted' },
              { event: 'convert', at: '2026-11-27T10:00:00.000Z', reason: 'Deal 77' },
            ],
          },
        ],
      }),
    };
    const r = createRenderer('crm.record.tab');
    r.render(<DealOriginCardView backend={backend} dealId="77" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(Text, 'path-1001')).not.toBeNull());
    expect(r.findByTestId(Text, 'path-1001').text).toBe('Path: routed → reassigned → accepted → converted');
    expect(r.getRootNode().toString()).toContain('Ciarán Murphy');
    expect(r.getRootNode().toString()).toContain('2 days');
    expect(r.getRootNode().toString()).toContain('25 Nov 2026');
  });

  it('shows an error with a retry', async () => {
    let calls = 0;
    const backend: HandoffBackend = { handoffState: unused, recordOutcome: unused, handoffHealth: unused, policyOverview: unused, policyEvidence: unused, policyPreview: unused, policyAgreement: unused, reviewProposal: unused, setAvailability: unused, dealOrigin: async () => {
      calls++;
      if (calls === 1) throw new BackendError('UPSTREAM_UNAVAILABLE', 'HubSpot is not answering', true);
      return { dealId: '77', handoffs: [] };
    } };
    const r = createRenderer('crm.record.tab');
    r.render(<DealOriginCardView backend={backend} dealId="77" />);
    await r.waitFor(() => expect(r.maybeFind(ErrorState)).not.toBeNull());
    r.findByTestId(Button, 'retry').trigger('onClick');
    await r.waitFor(() => expect(r.getRootNode().toString()).toContain('Not from a handoff'));
  });
});

describe("managers' home page", () => {
  const policy = defaultPolicy();
  const now = new Date('2026-11-25T09:30:00Z');
  const at = (iso: string) => new Date(iso);
  // Ten MQLs in Q3: 6 accepted (3 of them became deals), 2 rejected, 2 still waiting now.
  const raw = Array.from({ length: 10 }, (_, i) => ({
    contactId: String(2000 + i),
    name: `Lead ${i}`,
    stage: i < 3 ? 'converted' : i < 6 ? 'accepted' : i < 8 ? 'rejected' : 'routed',
    ownerId: i % 2 ? '102' : '202',
    source: i % 3 ? 'PAID_SEARCH' : 'ORGANIC_SEARCH',
    policyVersion: '2026.12.1',
    mqlAt: at(`2026-08-${String(3 + i).padStart(2, '0')}T09:00:00Z`),
    routedAt: at(`2026-08-${String(3 + i).padStart(2, '0')}T09:00:00Z`),
    slaDueAt: i >= 8 ? at('2026-11-25T10:00:00Z') : at(`2026-08-${String(3 + i).padStart(2, '0')}T17:00:00Z`),
    ...(i < 6 ? { firstTouchAt: at(`2026-08-${String(3 + i).padStart(2, '0')}T${i < 5 ? '10' : '18'}:00:00Z`), timeToFirstTouchMinutes: i < 5 ? 60 : 540, acceptedAt: at(`2026-08-${String(4 + i).padStart(2, '0')}T09:00:00Z`) } : {}),
    ...(i < 3 ? { convertedAt: at(`2026-08-${String(10 + i).padStart(2, '0')}T09:00:00Z`) } : {}),
    ...(i === 6 || i === 7 ? { rejectedAt: at('2026-08-20T09:00:00Z'), rejectionReason: i === 6 ? 'no-budget' : 'not-a-fit' } : {}),
    handoffCount: 1,
  }));
  // Each handoff's one attempt, from its fields (as an older record would be read).
  const facts: HandoffFacts[] = raw.map((f) => ({ ...f, stage: f.stage as HandoffRecord['state'], attempts: withAttempts({ ...f, state: f.stage as HandoffRecord['state'], attempts: [], escalationsDone: [], version: 1 }, policy).attempts }));
  const health = handoffHealth(facts, { from: at('2026-07-01T00:00:00Z'), to: at('2026-10-01T00:00:00Z'), label: '2026-Q3' }, policy, now);

  it('shows the funnel with conversion rates, SLA compliance and time to first touch for the fixture', async () => {
    const periods: string[] = [];
    const backend: HandoffBackend = { handoffState: unused, recordOutcome: unused, dealOrigin: unused, policyOverview: unused, policyEvidence: unused, policyPreview: unused, policyAgreement: unused, reviewProposal: unused, setAvailability: unused, handoffHealth: async (p) => (periods.push(p), health) };
    const r = createRenderer('home');
    r.render(<HandoffHealthView backend={backend} portalId={99} />);
    await r.waitFor(() => expect(r.maybeFindByTestId(Statistics, 'funnel')).not.toBeNull());
    const items = Object.fromEntries(r.findAll(StatisticsItem).map((s) => [s.props.label, s.props.number]));
    expect(items).toEqual({
      MQLs: '10',
      'SQLs (60% of MQLs)': '6',
      'Opportunities (30% of MQLs)': '3',
      // One attempt per handoff here: 5 met of 8 decided; 1 touched late and 2 rejected after their due time missed; 2 still open and not yet due.
      'SLA compliance (10 attempts)': '62.5%',
      'Median response time': '1 h',
      'Median time to first touch': '1 h',
    });
    expect(r.findByTestId(BarChart, 'funnel-chart').props.data).toEqual([
      { stage: 'MQL', leads: 10 },
      { stage: 'SQL', leads: 6 },
      { stage: 'Opportunity', leads: 3 },
    ]);
    expect(periods).toEqual(['last-quarter']);
    // The two waiting leads are past 75% of their SLA now: linked to their records.
    expect(r.findByTestId(Table, 'attention').findAll(Link).map((l) => (l.props.href as { url: string }).url)).toEqual([
      'https://app.hubspot.com/contacts/99/record/0-1/2008',
      'https://app.hubspot.com/contacts/99/record/0-1/2009',
    ]);
    expect(r.findByTestId(BarChart, 'rejections-chart').props.data).toEqual([
      { source: 'ORGANIC_SEARCH', reason: 'no-budget', leads: 1 },
      { source: 'PAID_SEARCH', reason: 'not-a-fit', leads: 1 },
    ]);
  });

  it('reloads for the period the manager picks', async () => {
    const periods: string[] = [];
    const backend: HandoffBackend = { handoffState: unused, recordOutcome: unused, dealOrigin: unused, policyOverview: unused, policyEvidence: unused, policyPreview: unused, policyAgreement: unused, reviewProposal: unused, setAvailability: unused, handoffHealth: async (p) => (periods.push(p), health) };
    const r = createRenderer('home');
    r.render(<HandoffHealthView backend={backend} />);
    await r.waitFor(() => expect(r.maybeFindByTestId(Statistics, 'funnel')).not.toBeNull());
    r.findByTestId(Select, 'period').trigger('onChange', 'this-quarter' as never);
    await r.waitFor(() => expect(periods).toEqual(['last-quarter', 'this-quarter']));
  });
});
