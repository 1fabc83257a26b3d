import { act } from 'react';
import { Alert, Button, ErrorState, LoadingButton, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ContactHandoffCardView } from '../../src/app/cards/ContactHandoffCardView.js';
import { BackendError, type HandoffBackend, type OutcomeRequest } from '../../src/app/cards/lib/backend.js';
import { ciaranCalendar, routedState } from './handoffStateFixture.js';
import { workingWindows } from '../../src/domain/sla/businessCalendar.js';

type Stub = HandoffBackend & { outcomes: OutcomeRequest[] };

function stubBackend(states: ReturnType<typeof routedState>[], opts: { failOutcome?: BackendError; failLoads?: number } = {}): Stub {
  let loads = 0;
  const outcomes: OutcomeRequest[] = [];
  return {
    outcomes,
    handoffState: async () => {
      loads++;
      if (opts.failLoads && loads <= opts.failLoads) throw new BackendError('UPSTREAM_UNAVAILABLE', 'HubSpot is not answering', true);
      return states[Math.min(loads - 1, states.length - 1)]!;
    },
    recordOutcome: async (r) => {
      if (opts.failOutcome) throw opts.failOutcome;
      outcomes.push(r);
      return { contactId: r.contactId, stage: r.action === 'accept' ? 'accepted' : r.action === 'reject' ? 'rejected' : 'recycled', changed: true };
    },
    dealOrigin: async () => {
      throw new Error('not used');
    },
    handoffHealth: async () => {
      throw new Error('not used');
    },
    policyOverview: async () => {
      throw new Error('not used');
    },
    policyEvidence: async () => {
      throw new Error('not used');
    },
    policyPreview: async () => {
      throw new Error('not used');
    },
    policyAgreement: async () => {
      throw new Error('not used');
    },
    reviewProposal: async () => {
      throw new Error('not used');
    },
    setAvailability: async () => {
      throw new Error('not used');
    },
  };
}

// createRenderer has no unmount, so a card's countdown interval would outlive its test: every
// test runs on jest's fake timers (promises and microtasks stay real), which vanish with it.
beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-25T09:45:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

const sidebar = () => createRenderer('crm.record.sidebar');

async function renderCard(backend: Stub, clock: () => Date = () => new Date('2026-11-25T09:45:00Z')) {
  const r = sidebar();
  const refresh = jest.fn();
  r.render(<ContactHandoffCardView backend={backend} contactId="1001" clock={clock} refreshProperties={refresh} />);
  await r.waitFor(() => expect(r.maybeFind(StatusTag, { testId: 'stage' })).not.toBeNull());
  return { ...r, refresh };
}

describe('contact handoff card', () => {
  it('shows qualification with reasons, the owner and why, the SLA and the history', async () => {
    const r = await renderCard(stubBackend([routedState()]));
    expect(r.find(StatusTag, { testId: 'stage' }).text).toBe('Routed (awaiting sales)');
    expect(r.findByTestId(Text, 'owner-name').text).toBe('Ciarán Murphy');
    expect(r.findByTestId(Text, 'routing-explanation').text).toContain('Skipped: Aoife Kelly (out of office)');
    expect(r.findByTestId(Text, 'criterion-lead-score').text).toBe('✗ HubSpot score is 60 or more (missing)');
    expect(r.findByTestId(Text, 'criterion-demo-request').text).toBe('✓ Asked for a demo or to talk to sales');
    expect(r.findByTestId(Text, 'sla-due').text).toBe('Response due Wed 25 Nov, 10:30 (Europe/Dublin); accept or reject due Wed 2 Dec, 09:30 (Europe/Dublin)');
    // The criteria under the groups the policy nests them in.
    expect(r.findByTestId(Text, 'group-Engagement (buying signal)/Engaged this month').text).toContain('Engaged this month');
    expect(r.findByTestId(Text, 'criterion-page-views').text).toContain('✓ Viewed 5 or more pages');
    expect(r.findByTestId(Text, 'qualification-when').text).toBe('When routed, Wed 25 Nov, 09:30 · policy 2026.12.1');
    expect(r.maybeFindByTestId(Text, 'qualification-today')).toBeNull();
    expect(r.findByTestId(Text, 'history-0').text).toBe('Routed → Ciarán Murphy');
  });

  describe('live business-time countdown', () => {
    it.each([
      ['2026-11-25T09:45:00Z', '45 min of business time left', 'On track'],
      ['2026-11-25T10:15:00Z', '15 min of business time left', 'At risk'],
      ['2026-11-25T10:31:00Z', 'Past due', 'Breached (no response yet)'],
    ])('at %s reads %j (%s)', async (at, remaining, status) => {
      const r = await renderCard(stubBackend([routedState()]), () => new Date(at));
      expect(r.findByTestId(Text, 'sla-remaining').text).toBe(remaining);
      expect(r.findByTestId(StatusTag, 'sla-status').text).toBe(status);
    });

    it('ticks while the card is open, in business time, without calling the backend again', async () => {
      jest.setSystemTime(new Date('2026-11-25T10:00:00Z'));
      const backend = stubBackend([routedState()]);
      const spy = jest.spyOn(backend, 'handoffState');
      const r = await renderCard(backend, () => new Date());
      expect(r.findByTestId(Text, 'sla-remaining').text).toBe('30 min of business time left');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(15 * 60_000);
      });
      expect(r.findByTestId(Text, 'sla-remaining').text).toBe('15 min of business time left');
      expect(r.findByTestId(StatusTag, 'sla-status').text).toBe('At risk');
      expect(spy).toHaveBeenCalledTimes(1);
    });

    it('counts only business time: a lead routed at 17:15 on Friday has its remaining time waiting for Monday', async () => {
      const friday = routedState({
        sla: {
          ...routedState().sla!,
          startedAt: '2026-11-27T17:15:00.000Z',
          dueAt: '2026-11-30T09:45:00.000Z',
          windows: workingWindows(new Date('2026-11-27T17:15:00.000Z'), new Date('2026-11-30T09:45:00.000Z'), ciaranCalendar()),
        },
      });
      const r = await renderCard(stubBackend([friday]), () => new Date('2026-11-28T12:00:00Z'));
      expect(r.findByTestId(Text, 'sla-remaining').text).toBe('45 min of business time left');
    });
  });

  it('requires a reason to reject, then records it with the note and refreshes the record', async () => {
    const closed = { shown: false, enabled: false };
    const rejected = routedState({ stage: 'rejected', actions: { accept: closed, reject: closed, recycle: closed, note: 'Rejected as "Not a fit for our product": this handoff has ended.' } });
    const backend = stubBackend([routedState(), rejected]);
    const r = await renderCard(backend);
    r.findByTestId(Button, 'action-reject').trigger('onClick');
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Select, 'reject-reason').props.error).toBe(true));
    expect(r.findByTestId(Select, 'reject-reason').props.validationMessage).toBe('A rejection needs one of the agreed reasons.');
    expect(backend.outcomes).toEqual([]);

    r.findByTestId(Select, 'reject-reason').trigger('onChange', 'bad-timing' as never);
    const { TextArea } = await import('@hubspot/ui-extensions');
    r.findByTestId(TextArea, 'outcome-note').trigger('onChange', 'Budget review in Q2' as never);
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(r.find(StatusTag, { testId: 'stage' }).text).toBe('Rejected'));
    // the version the card showed goes with the click (its idempotency key on the server)
    expect(backend.outcomes).toEqual([{ contactId: '1001', action: 'reject', reasonCode: 'bad-timing', note: 'Budget review in Q2', expectedVersion: 1 }]);
    expect(r.refresh).toHaveBeenCalledTimes(1);
  });

  it('an accepted lead reads "Met" with the accept that stopped the clock, long after its due time; earlier owners are listed', async () => {
    const accepted = routedState({
      stage: 'accepted',
      sla: { ...routedState().sla!, status: 'met', respondedAt: '2026-11-25T09:32:00.000Z', respondedBy: 'accept' },
      attempts: [
        { number: 1, ownerId: '103', ownerName: 'Aoife Kelly', source: 'route', result: 'missed', startedAt: '2026-11-24T09:30:00.000Z', dueAt: '2026-11-24T10:30:00.000Z', endedAt: '2026-11-24T14:30:00.000Z', endedWhy: 'reassigned to Ciarán Murphy' },
        { number: 2, ownerId: '102', ownerName: 'Ciarán Murphy', source: 'reassign', result: 'met', startedAt: '2026-11-25T09:30:00.000Z', dueAt: '2026-11-25T10:30:00.000Z', respondedAt: '2026-11-25T09:32:00.000Z', respondedBy: 'accept' },
      ],
    });
    const { decision: _d, ...withoutDecision } = accepted;
    const r = await renderCard(stubBackend([withoutDecision]), () => new Date('2026-11-25T11:00:00Z'));
    expect(r.findByTestId(StatusTag, 'sla-status').text).toBe('Met');
    expect(r.findByTestId(Text, 'sla-response').text).toBe('Accepted Wed 25 Nov, 09:32');
    expect(r.findByTestId(Text, 'attempt-1').text).toBe('Aoife Kelly, routed Tue 24 Nov, 09:30: missed (reassigned to Ciarán Murphy)');
  });

  it('a routed lead past its decision due time says it is stuck; a re-check that differs from the routing-time qualification is shown beside it', async () => {
    const state = routedState({
      decision: { dueAt: '2026-12-02T09:30:00.000Z', stuck: true },
      sla: { ...routedState().sla!, status: 'met', respondedAt: '2026-11-25T09:50:00.000Z', respondedBy: 'touch' },
      qualificationToday: { ...routedState().qualification, stage: 'lead', recorded: false, at: '2026-12-03T10:00:00.000Z', summary: 'Not an MQL: 3 of 6 criteria met (missing: one of: …)' },
    });
    const r = await renderCard(stubBackend([state]), () => new Date('2026-12-03T10:00:00Z'));
    expect(r.findByTestId(Alert, 'stuck').text).toContain('Nobody has accepted or rejected this lead since Wed 2 Dec, 09:30');
    expect(r.findByTestId(StatusTag, 'qualification-stage').text).toBe('MQL');
    expect(r.findByTestId(Text, 'qualification-today').text).toBe('Checked again today: Lead (not an MQL). Not an MQL: 3 of 6 criteria met (missing: one of: …)');
  });

  it('shows the latest history entries and, on request, all of them', async () => {
    const entry = routedState().history[0]!;
    const latest = routedState({ history: Array.from({ length: 20 }, () => entry), historyTotal: 23 });
    const all = routedState({ history: Array.from({ length: 23 }, () => entry), historyTotal: 23 });
    const asked: unknown[] = [];
    const backend = stubBackend([latest, all]);
    const states = backend.handoffState;
    backend.handoffState = async (id, options) => (asked.push(options), states(id, options));
    const r = await renderCard(backend);
    expect(r.findByTestId(Text, 'history-more').text).toBe('The latest 20 of 23 entries.');
    r.findByTestId(Button, 'history-all').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Text, 'history-22')).not.toBeNull());
    expect(asked).toEqual([{}, { history: 'all' }]);
    expect(r.maybeFindByTestId(Text, 'history-more')).toBeNull();
  });

  it('confirms a successful action with HubSpot’s alert, and closes the form on a refusal a retry cannot fix', async () => {
    const alerts: unknown[] = [];
    const r = sidebar();
    r.render(<ContactHandoffCardView backend={stubBackend([routedState(), routedState({ stage: 'accepted' })])} contactId="1001" clock={() => new Date('2026-11-25T09:45:00Z')} addAlert={(a) => alerts.push(a)} />);
    await r.waitFor(() => expect(r.maybeFind(StatusTag, { testId: 'stage' })).not.toBeNull());
    r.findByTestId(Button, 'action-accept').trigger('onClick');
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(alerts).toEqual([{ type: 'success', title: 'Saved', message: 'The lead is now Accepted (SQL).' }]));

    const refused = await renderCard(stubBackend([routedState()], { failOutcome: new BackendError('FORBIDDEN', "only the lead's owner (Ciarán Murphy) or their manager can accept this lead", false) }));
    refused.findByTestId(Button, 'action-accept').trigger('onClick');
    refused.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await refused.waitFor(() => expect(refused.maybeFind(Alert, { testId: 'action-error' })).not.toBeNull());
    expect(refused.maybeFindByTestId(LoadingButton, 'confirm')).toBeNull();
  });

  it('a recycle asks for one of the policy’s recycle reasons and sends it', async () => {
    const backend = stubBackend([routedState()]);
    const r = await renderCard(backend);
    r.findByTestId(Button, 'action-recycle').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Select, 'recycle-reason')).not.toBeNull());
    expect((r.findByTestId(Select, 'recycle-reason').props.options as { value: string }[]).map((o) => o.value)).toEqual(['nurture', 'no-response', 'future-interest', 'wrong-contact']);
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Select, 'recycle-reason').props.error).toBe(true));
    expect(backend.outcomes).toEqual([]);
    r.findByTestId(Select, 'recycle-reason').trigger('onChange', 'future-interest' as never);
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(backend.outcomes).toEqual([{ contactId: '1001', action: 'recycle', reasonCode: 'future-interest', expectedVersion: 1 }]));
  });

  it('shows the actions disabled, with the reason, to a rep who does not own the lead', async () => {
    const why = 'Only Ciarán Murphy (the owner) or Siobhán Byrne (their manager) can act on this lead.';
    const off = { shown: true, enabled: false };
    const r = await renderCard(stubBackend([routedState({ actions: { accept: off, reject: off, recycle: off, note: why } })]));
    // The buttons are there, greyed, with one line saying who can act: never hidden in one state and greyed in another.
    expect(r.findByTestId(Button, 'action-accept').props.disabled).toBe(true);
    expect(r.findAll(Text).filter((t) => t.props.testId === 'actions-disabled').map((t) => t.text)).toEqual([why]);
  });

  it('says "not saved" and keeps the form when recording fails', async () => {
    const r = await renderCard(stubBackend([routedState()], { failOutcome: new BackendError('RATE_LIMITED', 'HubSpot is busy', true) }));
    r.findByTestId(Button, 'action-accept').trigger('onClick');
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(Alert, { testId: 'action-error' })).not.toBeNull());
    expect(r.find(Alert, { testId: 'action-error' }).text).toBe('Not saved: HubSpot is busy Try again.');
    expect(r.findByTestId(LoadingButton, 'confirm').props.loading).toBe(false);
  });

  it('on CONFLICT (someone changed the handoff first) reloads it, says so, and drops the choice made on the old one', async () => {
    const closed = { shown: false, enabled: false };
    const rejected = routedState({ stage: 'rejected', actions: { accept: closed, reject: closed, recycle: closed, note: 'Rejected: this handoff has ended.' } });
    const conflict = new BackendError('CONFLICT', 'this handoff changed since it was shown (version 1, now 2: rejected); nothing was saved — reload and look again', false);
    const r = await renderCard(stubBackend([routedState(), rejected], { failOutcome: conflict }));
    r.findByTestId(Button, 'action-accept').trigger('onClick');
    r.findByTestId(LoadingButton, 'confirm').trigger('onClick');
    await r.waitFor(() => expect(r.find(StatusTag, { testId: 'stage' }).text).toBe('Rejected'));
    await r.waitFor(() => expect(r.maybeFind(Alert, { testId: 'action-error' })).not.toBeNull());
    expect(r.find(Alert, { testId: 'action-error' }).text).toBe('Not saved: this handoff changed after the card showed it. The card now shows it as it is: look again before you act.');
    expect(r.maybeFindByTestId(LoadingButton, 'confirm')).toBeNull();
    expect(r.refresh).toHaveBeenCalledTimes(1);
  });

  it('shows an error with a retry that loads the card', async () => {
    const r = sidebar();
    r.render(<ContactHandoffCardView backend={stubBackend([routedState()], { failLoads: 1 })} contactId="1001" clock={() => new Date('2026-11-25T09:45:00Z')} />);
    await r.waitFor(() => expect(r.maybeFind(ErrorState)).not.toBeNull());
    expect(r.find(ErrorState).find(Text).text).toBe('HubSpot is not answering');
    r.findByTestId(Button, 'retry').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(StatusTag, { testId: 'stage' })).not.toBeNull());
  });

  it('for a contact that is not an MQL, says how many criteria it meets', async () => {
    const state = routedState({ stage: 'new', qualification: { ...routedState().qualification, stage: 'lead', summary: 'Not an MQL: 2 of 4 criteria met' } });
    delete state.sla;
    delete state.owner;
    const r = sidebar();
    r.render(<ContactHandoffCardView backend={stubBackend([state])} contactId="1001" />);
    await r.waitFor(() => expect(r.maybeFindByTestId(Text, 'not-mql')).not.toBeNull());
    expect(r.findByTestId(Text, 'not-mql').text).toBe('Not an MQL: 2 of 4 criteria met');
  });
});
