import { RollingWindow } from '../../src/hubspot/rollingWindow.js';
import { seededRandom } from '../../src/lib/seededRandom.js';

const WINDOW = 1000 / 0.97; // 1030.9 ms

/** When each search, asked for at the given times (in order), may go. */
const slots = (perSecond: number, asked: number[]) => {
  const pacer = new RollingWindow(perSecond > 0 && { calls: perSecond, windowMs: 1000 });
  return asked.map((t) => pacer.reserve(t));
};

describe('RollingWindow: at most N searches in any rolling second, without making a lone search wait', () => {
  it.each([
    ['a lone search goes at once', 5, [0], [0]],
    ['five at once all go at once', 5, [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
    ['the sixth waits until the first is a window old', 5, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, WINDOW]],
    ['searches 250 ms apart (4 a second) never wait', 5, [0, 250, 500, 750, 1000, 1250, 1500], [0, 250, 500, 750, 1000, 1250, 1500]],
    ['a late search does not delay the next one (evenly spaced pacing did)', 5, [0, 250, 560, 700], [0, 250, 560, 700]],
    ['a burst after a pause: the window has emptied', 2, [0, 10, 5000, 5000, 5000], [0, 10, 5000, 5000, 5000 + WINDOW]],
    ['never earlier than asked, and never before an earlier slot', 1, [0, 0, 100], [0, WINDOW, 2 * WINDOW]],
    ['no limit (0): never waits', 0, [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]],
  ])('%s', (_label, perSecond, asked, expected) => {
    expect(slots(perSecond, asked)).toEqual(expected);
  });

  it('follows a shorter window (a benchmark running time twice as fast): 5 in any 500 ms', () => {
    const pacer = new RollingWindow({ calls: 5, windowMs: 500 });
    expect([0, 0, 0, 0, 0, 0, 0].map((t) => pacer.reserve(t))).toEqual([0, 0, 0, 0, 0, 500 / 0.97, 500 / 0.97]);
  });

  it('spaces the pages of a long read evenly (bunched pages draw 429s) while a lone search still goes at once', () => {
    const pacer = new RollingWindow({ calls: 5, windowMs: 1000 });
    const gap = WINDOW / 5;
    expect(pacer.reserve(0)).toBe(0); // a first page
    expect(pacer.reserve(0, { steady: true })).toBeCloseTo(gap); // its next page
    expect(pacer.reserve(0, { steady: true })).toBeCloseTo(2 * gap);
    expect(pacer.reserve(500)).toBe(500); // a routing's search: the window has room
    expect(pacer.reserve(500, { steady: true })).toBeCloseTo(500 + gap);
  });

  it('over 2,000 searches asked for at random, no rolling second holds more than 5, and the rate stays near 5 a second', () => {
    const random = seededRandom(11);
    let t = 0;
    const asked = Array.from({ length: 2_000 }, () => (t += random() < 0.3 ? 0 : random() * 150));
    const sent = slots(5, asked);
    for (let i = 5; i < sent.length; i++) expect(sent[i]! - sent[i - 5]!).toBeGreaterThanOrEqual(WINDOW - 1e-9);
    sent.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(asked[i]!));
    const perSecond = (sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000);
    expect(perSecond).toBeGreaterThan(4.5);
    expect(perSecond).toBeLessThanOrEqual(5);
  });
});
