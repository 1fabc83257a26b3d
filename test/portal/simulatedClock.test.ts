import { SimulatedClock } from '../../src/portal/simulatedClock.js';

describe('the local portal clock', () => {
  const start = Date.parse('2026-11-25T09:30:00Z');

  it('flows with real time from its start and jumps forward on request', () => {
    let real = 1_000;
    const clock = new SimulatedClock(start, () => real);
    real += 5_000;
    expect(clock.now().toISOString()).toBe('2026-11-25T09:30:05.000Z');
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2026-11-25T10:30:05.000Z');
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2026-11-25T10:30:06.000Z');
    clock.setTo(Date.parse('2026-11-26T09:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-26T09:00:00.000Z');
  });

  it.each([
    ['advance', (c: SimulatedClock) => c.advance(-1), 'the clock only moves forward: -1 ms'],
    ['setTo', (c: SimulatedClock) => c.setTo(start - 60_000), 'the clock only moves forward: 2026-11-25T09:29:00.000Z is before 2026-11-25T09:30:00.000Z'],
  ])('never goes back (%s)', (_, move, message) => {
    const clock = new SimulatedClock(start, () => 0);
    expect(() => move(clock)).toThrow(message);
    expect(clock.now().toISOString()).toBe('2026-11-25T09:30:00.000Z');
  });
});
