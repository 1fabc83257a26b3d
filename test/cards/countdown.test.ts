import { ownerCalendar, readSla, slaDue, workingWindows } from '../../src/domain/index.js';
import { countdownAt } from '../../src/app/cards/lib/useBusinessCountdown.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// The card counts business time down on its own, from the windows the server sends; whether the
// lead is at risk is the domain's rule, so the card and the server never disagree about it.
const policy = defaultPolicy();
const calendar = ownerCalendar(policy, '102');

describe("the card's countdown reads the domain's at-risk rule", () => {
  it.each([
    ['a 1-hour SLA inside one working day', '2026-11-25T09:30:00Z', 1],
    ['an 8-hour SLA across a night', '2026-11-25T14:10:00Z', 8],
    ['a 4-hour SLA across a weekend', '2026-11-27T15:00:00Z', 4],
  ])('%s: the same status as readSla at every minute the card could show', (_name, startIso, hours) => {
    const start = new Date(startIso);
    const due = slaDue(start, hours, calendar);
    const input = { startedAt: start.toISOString(), dueAt: due.toISOString(), windows: workingWindows(start, due, calendar), atRiskPercent: policy.sla.atRiskPercent, stopped: false };
    const seen = new Set<string>();
    for (let t = start.getTime(); t <= due.getTime() + 90 * 60_000; t += 60_000) {
      const now = new Date(t);
      const card = countdownAt(input, now);
      const server = readSla({ start, due, calendar }, now, policy.sla.atRiskPercent);
      expect([now.toISOString(), card.status]).toEqual([now.toISOString(), server.status]);
      expect(card.remainingMinutes).toBe(server.remainingMinutes);
      seen.add(card.status);
    }
    expect([...seen].sort()).toEqual(['at_risk', 'breached', 'on_track']);
  });
});
