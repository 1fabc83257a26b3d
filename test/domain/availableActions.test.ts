import { availableActions } from '../../src/domain/decisions/availableActions.js';
import { emptyRecord, type HandoffRecord } from '../../src/domain/handoff/handoffRecord.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// The card as a set of states: what each state offers, to whom, and the one line when it offers less.
const policy = defaultPolicy();
const NOW = new Date('2026-11-25T09:30:00Z');
const at = (state: HandoffRecord['state'], extra: Partial<HandoffRecord> = {}): HandoffRecord => ({ ...emptyRecord('1'), state, ownerId: '102', ...extra });
const known = (ownerId: string) => ({ kind: 'known' as const, ownerId });
const offered = (a: ReturnType<typeof availableActions>) => (['accept', 'reject', 'recycle'] as const).filter((k) => a[k].shown).map((k) => `${k}${a[k].enabled ? '' : ' (disabled)'}`);

describe('availableActions', () => {
  it.each([
    ['routed', 'the owner', known('102'), ['accept', 'reject', 'recycle'], undefined],
    ['routed', 'their manager', known('101'), ['accept', 'reject', 'recycle'], undefined],
    ['routed', 'another rep', known('103'), ['accept (disabled)', 'reject (disabled)', 'recycle (disabled)'], 'Only Ciarán Murphy (the owner) or Siobhán Byrne (their manager) can act on this lead.'],
    ['routed', 'a HubSpot user the policy does not name', { kind: 'unknown' as const, who: '7700001' }, ['accept (disabled)', 'reject (disabled)', 'recycle (disabled)'], 'You are not among the people in the handoff policy, so you cannot act here: only Ciarán Murphy (the owner) or Siobhán Byrne (their manager) can act on this lead.'],
    ['routed', 'no one (a workflow reading the state)', undefined, ['accept', 'reject', 'recycle'], undefined],
    ['accepted', 'the owner', known('102'), ['recycle'], 'Accepted: recycle sends it back to marketing if it goes nowhere.'],
    ['accepted', 'a HubSpot user the policy does not name', { kind: 'unknown' as const, who: '7700001' }, ['recycle (disabled)'], 'You are not among the people in the handoff policy, so you cannot act here: only Ciarán Murphy (the owner) or Siobhán Byrne (their manager) can act on this lead.'],
    ['rejected', 'the owner', known('102'), [], 'Rejected as "Not a fit for our product": this handoff has ended.'],
    ['converted', 'the owner', known('102'), [], 'Converted to a deal: this handoff is complete.'],
    ['new', 'anyone', known('102'), [], 'Not in a handoff: nothing for sales to do yet.'],
  ] as const)('%s, seen by %s: %j', (state, _who, viewer, expected, note) => {
    const a = availableActions(at(state, state === 'rejected' ? { rejectionReason: 'not-a-fit' } : {}), policy, viewer, NOW);
    expect(offered(a)).toEqual(expected);
    expect(a.note).toBe(note);
  });

  it('a recycled lead says who has it, since when, and when it may come back', () => {
    const a = availableActions(at('recycled', { ownerId: '401', recycledAt: new Date('2026-11-02T10:00:00Z') }), policy, known('102'), NOW);
    expect(offered(a)).toEqual([]);
    expect(a.note).toBe('Back with marketing (Gráinne Walsh) since Mon 2 Nov 2026, 10:00; it can become an MQL again from Wed 2 Dec 2026, 10:00.');
  });
});
