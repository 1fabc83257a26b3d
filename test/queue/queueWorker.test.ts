import { QUEUES, startQueueWorker, type QueuedJob, type WorkQueue } from '../../src/queue/workQueue.js';

type Job = { contactId: string };

/**
 * A queue that hands out what is due the way PostgreSQL's `FOR UPDATE SKIP LOCKED` does when two
 * takes run at once: each locks rows as it reaches them, so two overlapping takes share the due
 * jobs between them. Taken one after the other, the first takes them all.
 */
function sharingQueue(due: string[]) {
  let inFlight = 0;
  const seen = { mostAtOnce: 0, settled: [] as string[] };
  const queue: Pick<WorkQueue, 'take' | 'settle'> = {
    async take<T>(_name: string, limit: number) {
      inFlight++;
      seen.mostAtOnce = Math.max(seen.mostAtOnce, inFlight);
      const taken: QueuedJob<T>[] = [];
      // one row per turn of the event loop, as a scan locks one row at a time
      while (due.length && taken.length < limit) {
        await new Promise((r) => setImmediate(r));
        const id = due.shift();
        if (id) taken.push({ id, data: { contactId: id } as T, retryCount: 0 });
      }
      inFlight--;
      return taken;
    },
    async settle(_name, outcomes) {
      seen.settled.push(...outcomes.map((o) => o.id));
    },
  };
  return { queue, seen };
}

/** A queue handing out `due` in order, `limit` at a time, as one take after another would: `onTake` hears each take. */
function listQueue(due: string[], onTake: (ids: string[]) => void, settle: WorkQueue['settle']): Pick<WorkQueue, 'take' | 'settle'> {
  return {
    async take<T>(_name: string, limit: number) {
      const taken = due.splice(0, limit);
      onTake(taken);
      return taken.map((id) => ({ id, data: { contactId: id } as T, retryCount: 0 }));
    },
    settle,
  };
}

describe('the queue worker', () => {
  it('with two batches in flight, takes one at a time: one delivery of events is one batch, not two halves', async () => {
    const { queue, seen } = sharingQueue(['a', 'b', 'c', 'd']);
    const batches: string[][] = [];
    const worker = startQueueWorker<Job>(queue, QUEUES.webhookEvent, async (jobs) => {
      batches.push(jobs.map((j) => j.data.contactId));
      return jobs.map(() => ({ ok: true }));
    }, { concurrency: 2, pollMs: 60_000 });
    worker.nudge();
    await worker.idle();
    await worker.stop();
    expect(seen.mostAtOnce).toBe(1);
    expect(batches).toEqual([['a', 'b', 'c', 'd']]);
    expect(seen.settled.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a take is topped up as `topUp` asks, in the same turn (jobs of several items: small ones fill a batch)', async () => {
    const { queue, seen } = sharingQueue(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const batches: string[][] = [];
    const asked: number[] = [];
    const worker = startQueueWorker<Job>(queue, QUEUES.webhookEvent, async (jobs) => {
      batches.push(jobs.map((j) => j.data.contactId));
      return jobs.map(() => ({ ok: true }));
    }, { batch: 2, concurrency: 2, pollMs: 60_000, topUp: (taken, limit) => (asked.push(taken.length), taken.length === limit ? 3 : 0) });
    worker.nudge();
    await worker.idle();
    await worker.stop();
    expect(seen.mostAtOnce).toBe(1);
    expect(batches).toEqual([['a', 'b', 'c', 'd', 'e'], ['f', 'g']]);
    // Each full take was topped up (the second found nothing more); an empty one was not.
    expect(asked.filter((n) => n > 0)).toEqual([2, 2]);
    expect(seen.settled.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('a take that fails does not stop the next one', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const queue: Pick<WorkQueue, 'take' | 'settle'> = {
      async take<T>() {
        calls++;
        if (calls === 1) throw new Error('connection reset');
        return [] as QueuedJob<T>[];
      },
      async settle() {},
    };
    const worker = startQueueWorker<Job>(queue, QUEUES.webhookEvent, async () => [], { concurrency: 2, pollMs: 60_000, onError: (e) => errors.push(e) });
    worker.nudge();
    await worker.idle();
    await worker.stop();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('connection reset')]);
  });

  it("records a batch's outcomes off its path: the next batch is taken and worked first, and `idle` waits for every record, in order", async () => {
    const due = ['a', 'b', 'c', 'd'];
    const log: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const queue = listQueue(due, (taken) => log.push(`take ${taken.join(',') || '(none)'}`), async (_name, outcomes) => {
      const ids = outcomes.map((o) => o.id).join(',');
      log.push(`recording ${ids}`);
      await held;
      log.push(`recorded ${ids}`);
    });
    const worker = startQueueWorker<Job>(queue, QUEUES.webhookEvent, async (jobs) => {
      log.push(`work ${jobs.map((j) => j.data.contactId).join(',')}`);
      return jobs.map(() => ({ ok: true }));
    }, { batch: 2, pollMs: 60_000 });
    worker.nudge();
    let idle = false;
    const waited = worker.idle().then(() => (idle = true));
    // The next batch is taken while the first works, and worked while the first's record is still held.
    for (let i = 0; i < 20 && !log.includes('work c,d'); i++) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['take a,b', 'work a,b', 'take c,d', 'recording a,b', 'work c,d', 'take (none)']);
    expect(idle).toBe(false);
    release();
    await waited;
    await worker.stop();
    expect(log.slice(6)).toEqual(['recorded a,b', 'recording c,d', 'recorded c,d']);
  });

  it('a worker stopped while a batch works still works the batch it took ahead: nothing taken is left to expire', async () => {
    const due = ['a', 'b', 'c', 'd', 'e', 'f'];
    const takes: string[][] = [];
    const settled: string[] = [];
    const queue = listQueue(due, (taken) => takes.push(taken), async (_name, outcomes) => {
      settled.push(...outcomes.map((o) => o.id));
    });
    const batches: string[][] = [];
    let stopping: Promise<void> | undefined;
    const worker = startQueueWorker<Job>(queue, QUEUES.webhookEvent, async (jobs) => {
      batches.push(jobs.map((j) => j.data.contactId));
      stopping ??= worker.stop();
      return jobs.map(() => ({ ok: true }));
    }, { batch: 2, pollMs: 60_000 });
    worker.nudge();
    await worker.idle();
    await stopping;
    // The first batch's take took the second ahead; the stop took nothing more (e, f wait for the next worker).
    expect(takes).toEqual([['a', 'b'], ['c', 'd']]);
    expect(batches).toEqual([['a', 'b'], ['c', 'd']]);
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
    expect(due).toEqual(['e', 'f']);
  });
});
