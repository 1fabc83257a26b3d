import { readSla, slaTierFor } from '../../../src/domain/sla/sla.js';
import { calendar } from '../../support/calendarBuilder.js';
import { defaultPolicy } from '../../support/policyFixtures.js';
import { mqlLead } from '../../support/leadBuilder.js';

// Started Wed 25 Nov 2026 10:00, due Thu 26 Nov 09:30 (8 business hours, Dublin 09:00–17:30).
const clock = { start: new Date('2026-11-25T10:00:00Z'), due: new Date('2026-11-26T09:30:00Z'), calendar: calendar('IE') };
const at = (iso: string) => new Date(iso);

describe('readSla', () => {
  it.each([
    ['at the start', '2026-11-25T10:00:00Z', undefined, 'on_track', 0, 480],
    ['just under 75 %', '2026-11-25T15:59:00Z', undefined, 'on_track', 359, 121],
    ['at 75 %', '2026-11-25T16:00:00Z', undefined, 'at_risk', 360, 120],
    ['overnight the clock stands still', '2026-11-26T03:00:00Z', undefined, 'at_risk', 450, 30],
    ['at the due minute', '2026-11-26T09:30:00Z', undefined, 'at_risk', 480, 0],
    ['a minute past due', '2026-11-26T09:31:00Z', undefined, 'breached', 481, 0],
    ['touched in time', '2026-11-27T10:00:00Z', '2026-11-25T11:30:00Z', 'met', 90, 390],
    ['touched late', '2026-11-27T10:00:00Z', '2026-11-26T10:00:00Z', 'missed', 510, 0],
  ])('%s', (_n, now, touch, status, elapsed, remaining) => {
    const r = readSla(clock, at(now), 75, touch ? at(touch) : undefined);
    expect(r).toMatchObject({ status, elapsedMinutes: elapsed, remainingMinutes: remaining });
  });

  it('a touch logged after "now" does not count yet', () => {
    expect(readSla(clock, at('2026-11-25T12:00:00Z'), 75, at('2026-11-25T13:00:00Z')).status).toBe('on_track');
  });
});

describe('SLA tier', () => {
  const policy = defaultPolicy();
  const NOW = new Date('2026-11-25T10:00:00Z');
  it('a demo request is hot (1 business hour); everything else is standard (8)', () => {
    expect(slaTierFor(mqlLead(), policy, NOW)).toMatchObject({ id: 'hot', hot: true, firstTouchBusinessHours: 1 });
    expect(slaTierFor(mqlLead({ contact: { recent_conversion_event_name: 'Whitepaper' } }), policy, NOW)).toMatchObject({ id: 'standard', hot: false, firstTouchBusinessHours: 8 });
  });
});
