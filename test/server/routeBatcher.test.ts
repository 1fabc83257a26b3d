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
    // How busy the machine is cannot decide which comes first, the callers' return or the gathering timer.
    await onFakeTimers(async () => {
      const batches: number[] = [];
      let release: (() => void) | undefined;
      // A batch "routes" until the test releases it; every delivery gets an answer.
      const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> => {
        batches.push(raws.length);
        await new Promise<void>((done) => (release = done));
        return raws.map((raw) => ({ ok: true, result: { contactId: String(raw) } as RouteLeadResult }));
      };
      const caller = callerOf(new RouteBatcher(() => ({}) as HandlerContext, 5, 100, routeMany));
      const sent: Promise<unknown>[] = [];
      for (let id = 1; id <= 25; id++) sent.push(caller(id, 2));
      await afterAnswer();
      expect(batches).toEqual([]); // nothing goes before the gathering time
      jest.advanceTimersByTime(5); // the first half goes alone, at the gathering time
      expect(batches).toEqual([25]);
      for (let id = 26; id <= 50; id++) sent.push(caller(id, 1)); // the second half arrives while it runs
      release!();
      await until(() => batches.length === 2);
      expect(batches).toEqual([25, 50]);
      release!();
      await Promise.all(sent);
    });
  });

  it('goes as soon as the callers just answered are all back, without waiting out the gathering time', async () => {
    // A batch that goes before the gathering timer can only have gone because its callers were back.
    await onFakeTimers(async () => {
      const batches: number[] = [];
      const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[]): Promise<RouteLeadAnswer[]> => {
        batches.push(raws.length);
        return raws.map((raw) => ({ ok: true, result: { contactId: String(raw) } as RouteLeadResult }));
      };
      const batcher = new RouteBatcher(() => ({}) as HandlerContext, 60_000, 100, routeMany);
      const caller = callerOf(batcher);
      const sent = Array.from({ length: 30 }, (_, k) => caller(k + 1, 3));
      jest.advanceTimersByTime(60_000); // the first batch: nothing came before it, so it gathers
      await until(() => batches.length === 3);
      expect(batches).toEqual([30, 30, 30]);
      await Promise.all(sent);
      // After a lull, a delivery alone gathers again: the count expected back is forgotten once used.
      const lone = batcher.route('late');
      await afterAnswer();
      expect(batches).toHaveLength(3);
      jest.advanceTimersByTime(60_000);
      await lone;
      expect(batches).toEqual([30, 30, 30, 1]);
    });
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

  it('answers a batch\'s callers when it says they may hear, lets the next batch go then, and is settled when both have ended', async () => {
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const lateErrors: unknown[] = [];
    // Each batch answers early, then goes on (its Leads mirrored) until the test releases it; the second fails late.
    const routeMany = async (_ctx: HandlerContext, raws: readonly unknown[], options: { onAnswered?: (answers: RouteLeadAnswer[]) => void } = {}): Promise<RouteLeadAnswer[]> => {
      const n = started.push(raws.length);
      const answers = raws.map((raw) => ({ ok: true as const, result: { contactId: String(raw) } as RouteLeadResult }));
      options.onAnswered?.(answers);
      await new Promise<void>((done) => releases.push(done));
      if (n === 2) throw new Error('the ledger went away while the step was recorded');
      return answers.map((a) => ({ ...a, result: { ...a.result, leadId: 'late' } }));
    };
    const batcher = new RouteBatcher(() => ({}) as HandlerContext, 5, 100, routeMany, (e) => lateErrors.push(e));
    const first = await Promise.all(['a', 'b'].map((id) => batcher.route(id)));
    // Answered while the batch still runs: the early answers, not the ones it ends with.
    expect(first.map((r) => [r.contactId, r.leadId])).toEqual([['a', undefined], ['b', undefined]]);
    const second = await Promise.all(['c', 'd'].map((id) => batcher.route(id)));
    expect(second.map((r) => r.contactId)).toEqual(['c', 'd']);
    expect(started).toEqual([2, 2]);
    let settled = false;
    const settling = batcher.settled().then(() => (settled = true));
    releases[0]!();
    await new Promise((done) => setTimeout(done, 5));
    expect(settled).toBe(false);
    releases[1]!();
    await settling;
    // A failure after the callers heard goes to the batcher's owner (the host logs it), not to a caller.
    expect(lateErrors.map((e) => (e as Error).message)).toEqual(['the ledger went away while the step was recorded']);
  });
});

/**
 * Runs `body` on fake timers: the gathering timer fires only when the test advances them. Turns of
 * the event loop (setImmediate) and microtasks stay real, so the callers' answers still flow.
 */
async function onFakeTimers(body: () => Promise<void>): Promise<void> {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    await body();
  } finally {
    jest.useRealTimers();
  }
}

/** A turn of the event loop: how long an answer takes to reach its caller over HTTP. */
function afterAnswer(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/** A caller of `batcher` that sends again once each answer has reached it, up to `rounds` deliveries. */
function callerOf(batcher: RouteBatcher): (id: number, rounds: number) => Promise<unknown> {
  const caller = (id: number, rounds: number): Promise<unknown> => batcher.route(id).then(async () => (rounds > 1 ? (await afterAnswer(), caller(id, rounds - 1)) : undefined));
  return caller;
}

/** Waits, a turn of the event loop at a time, until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let n = 0; !condition(); n++) {
    if (n > 10_000) throw new Error('the condition never held');
    await afterAnswer();
  }
}
