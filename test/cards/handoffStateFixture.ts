import type { HandoffState } from '../../src/handlers/getHandoffState.js';
import { calendarFor } from '../../src/domain/sla/sla.js';
import { workingWindows } from '../../src/domain/sla/businessCalendar.js';
import { defaultPolicy } from '../support/policyFixtures.js';

const policy = defaultPolicy();
const ciaran = policy.people.find((p) => p.id === 'ciaran')!;

/** A routed hot lead owned by Ciarán (102): due 10:30 on Wed 25 Nov 2026, routed at 09:30. */
export const ciaranCalendar = () => calendarFor(ciaran, policy);

export function routedState(over: Partial<HandoffState> = {}): HandoffState {
  return {
    contactId: '1001',
    policyVersion: '2026.12.1',
    stage: 'routed',
    qualification: {
      stage: 'mql',
      summary: 'MQL: fit 3 of 3, engagement 1 of 3 (policy 2026.12.1)',
      policyVersion: '2026.12.1',
      at: '2026-11-25T09:30:00.000Z',
      recorded: true,
      criteria: [
        { id: 'country', label: 'Based in Ireland or the UK', within: ['Fit (ideal customer profile)'], met: true, detail: 'Ireland is one of the listed values' },
        { id: 'demo-request', label: 'Asked for a demo or to talk to sales', within: ['Engagement (buying signal)'], met: true, detail: '"Book a demo" contains "demo"' },
        { id: 'lead-score', label: 'HubSpot score is 60 or more', within: ['Engagement (buying signal)'], met: false, detail: 'missing' },
        { id: 'page-views', label: 'Viewed 5 or more pages', within: ['Engagement (buying signal)', 'Engaged this month'], met: true, detail: 'saw 7, needs 5 or more' },
      ],
      met: [
        { id: 'country', label: 'Based in Ireland or the UK', within: ['Fit (ideal customer profile)'], met: true, detail: 'Ireland is one of the listed values' },
        { id: 'demo-request', label: 'Asked for a demo or to talk to sales', within: ['Engagement (buying signal)'], met: true, detail: '"Book a demo" contains "demo"' },
      ],
      unmet: [{ id: 'lead-score', label: 'HubSpot score is 60 or more', within: ['Engagement (buying signal)'], met: false, detail: 'missing' }],
      disqualifiedBy: [],
    },
    owner: { ownerId: '102', name: 'Ciarán Murphy', teamId: 'ie-sales', timeZone: 'Europe/Dublin' },
    routing: { ruleId: 'territory', explanation: 'Territory "Ireland": Ciarán Murphy by weighted round robin. Skipped: Aoife Kelly (out of office).', routedAt: '2026-11-25T09:30:00.000Z' },
    sla: {
      tierId: 'hot',
      tierLabel: 'Demo or sales request (hot)',
      status: 'on_track',
      dueAt: '2026-11-25T10:30:00.000Z',
      startedAt: '2026-11-25T09:30:00.000Z',
      remainingBusinessMinutes: 45,
      elapsedBusinessMinutes: 15,
      percentUsed: 25,
      timeZone: 'Europe/Dublin',
      atRiskPercent: 75,
      windows: workingWindows(new Date('2026-11-25T09:30:00.000Z'), new Date('2026-11-25T10:30:00.000Z'), calendarFor(ciaran, policy)),
    },
    attempts: [{ number: 1, ownerId: '102', ownerName: 'Ciarán Murphy', source: 'route', result: 'open', startedAt: '2026-11-25T09:30:00.000Z', dueAt: '2026-11-25T10:30:00.000Z' }],
    decision: { dueAt: '2026-12-02T09:30:00.000Z', stuck: false },
    record: { handoffCount: 1, mqlAt: '2026-11-25T09:30:00.000Z', version: 1 },
    history: [
      { event: 'route', from: 'mql', to: 'routed', at: '2026-11-25T09:30:00.000Z', actor: 'workflow:555', reason: 'Territory "Ireland": Ciarán Murphy', policyVersion: '2026.12.1', ownerId: '102', recordedAt: '2026-11-25T09:30:00.000Z' },
    ],
    historyTotal: 1,
    actions: { accept: { shown: true, enabled: true }, reject: { shown: true, enabled: true }, recycle: { shown: true, enabled: true } },
    rejectionReasons: policy.rejectionReasons.map((r) => ({ code: r.code, label: r.label })),
    recycleReasons: policy.recycleReasons.map((r) => ({ code: r.code, label: r.label })),
    asOf: '2026-11-25T09:45:00.000Z',
    ...over,
  };
}
