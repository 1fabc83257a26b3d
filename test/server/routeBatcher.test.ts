import type { HandlerContext } from '../../src/handlers/handlerContext.js';
import type { RouteLeadAnswer } from '../../src/handlers/routeLeads.js';
import type { RouteLeadResult } from '../../src/handlers/routeLead.js';
import { RouteBatcher } from '../../src/server/routeBatcher.js';

/**
 * A burst's callers each send their next delivery as soon as theirs is answered. The batcher must
 * let the callers just answered join the deliveries that waited, or the burst splits into two
 * halves that take turns in half-size batches for good (twice the HubSpot calls: the import
 * benchmark saw 300 calls where 160 do).
 */
describe('RouteBatcher', () => {
  it('merges the callers just answered with those that waited: 25, then all 50 together', async () => {
    const batches: number[] = [];
    let release: (() => void) | undefined;
    // A batch "routes" until the test releases it; every delivery gets an answer.
    const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> => {
      batches.push(raws.length);
      await new Promise<void>((done) => (release = done));
      return raws.map((raw) => ({ ok: true, result: { contactId: String(raw) } as RouteLeadResult }));
    };
    const batcher = new RouteBatcher(() => ({}) as HandlerContext, 5, 100, routeMany);
    const sent: Promise<unknown>[] = [];
    // Each caller sends again once its answer has reached it (over HTTP: a turn of the event loop
    // later, always before the gathering timer can fire), up to `rounds` deliveries.
    const afterAnswer = () => new Promise<void>((done) => setImmediate(done));
    const caller = (id: number, rounds: number): Promise<unknown> => batcher.route(id).then(async () => (rounds > 1 ? (await afterAnswer(), caller(id, rounds - 1)) : undefined));
    for (let id = 1; id <= 25; id++) sent.push(caller(id, 2));
    await until(() => batches.length === 1); // the first half went alone, at the gathering time
    for (let id = 26; id <= 50; id++) sent.push(caller(id, 1)); // the second half arrives while it runs
    release!();
    await until(() => batches.length === 2);
    expect(batches).toEqual([25, 50]);
    release!();
    await Promise.all(sent);
  });

  it('goes as soon as the callers just answered are all back, without waiting out the gathering time', async () => {
    // Fake timers: the gathering timer fires only when the test says so, so a batch that goes
    // before it can only have gone because its callers were back.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const batches: number[] = [];
      const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> => {
        batches.push(raws.length);
        return raws.map((raw) => ({ ok: true, result: { contactId: String(raw) } as RouteLeadResult }));
      };
      const batcher = new RouteBatcher(() => ({}) as HandlerContext, 60_000, 100, routeMany);
      const afterAnswer = () => new Promise<void>((done) => setImmediate(done));
      const caller = (id: number, rounds: number): Promise<unknown> => batcher.route(id).then(async () => (rounds > 1 ? (await afterAnswer(), caller(id, rounds - 1)) : undefined));
      const sent = Array.from({ length: 30 }, (_, k) => caller(k + 1, 3));
      jest.advanceTimersByTime(60_000); // the first batch: nothing came before it, so it gathers
      await until(() => batches.length === 3, () => new Promise((done) => setImmediate(done)));
      expect(batches).toEqual([30, 30, 30]);
      await Promise.all(sent);
      // After a lull, a delivery alone gathers again: the count expected back is forgotten once used.
      const lone = batcher.route('late');
      await new Promise((done) => setImmediate(done));
      expect(batches).toHaveLength(3);
      jest.advanceTimersByTime(60_000);
      await lone;
      expect(batches).toEqual([30, 30, 30, 1]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('a delivery alone goes after the gathering time; a full batch goes at once', async () => {
    const batches: number[] = [];
    const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> => {
      batches.push(raws.length);
      return raws.map((raw) => ({ ok: true, result: { contactId: String(raw) } as RouteLeadResult }));
    };
    const batcher = new RouteBatcher(() => ({}) as HandlerContext, 5, 3, routeMany);
    await batcher.route('a');
    await Promise.all(['b', 'c', 'd', 'e'].map((id) => batcher.route(id)));
    expect(batches).toEqual([1, 3, 1]);
  });
});

/** Waits (on real timers, a millisecond at a time, unless told how) until the condition holds. */
async function until(condition: () => boolean, tick: () => Promise<unknown> = () => new Promise((done) => setTimeout(done, 1))): Promise<void> {
  for (let n = 0; !condition(); n++) {
    if (n > 10_000) throw new Error('the condition never held');
    await tick();
  }
}
