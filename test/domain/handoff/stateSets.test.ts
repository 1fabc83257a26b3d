import { IN_HANDOFF_STATES, OPEN_STATES, OWNED_STATES } from '../../../src/domain/index.js';

// The sets other layers ask about are derived from the transition table, so a change to the
// process changes them in one place. Here is what they come to today.
describe('state sets derived from the transition table', () => {
  it('in a handoff: everything from routing on, until it is recycled', () => {
    expect([...IN_HANDOFF_STATES].sort()).toEqual(['accepted', 'converted', 'rejected', 'routed']);
  });
  it('open (SLA timers watch them; recycling can still take them back): routed, accepted, rejected', () => {
    expect([...OPEN_STATES].sort()).toEqual(['accepted', 'rejected', 'routed']);
  });
  it('owned (an owner is working the lead, so an owner changed in HubSpot moves it): routed, accepted', () => {
    expect([...OWNED_STATES].sort()).toEqual(['accepted', 'routed']);
  });
});
