import type { HandlerContext } from '../handlers/handlerContext.js';
import type { CheckSlaResult } from '../handlers/checkSla.js';
import type { HandoffLedger } from '../ledger/ledger.js';
import { policyInWords } from '../domain/index.js';
import { processSlaCheckJobs, queueDueSlaTimers, setMissingSlaTimers, type SlaCheckJob } from './slaTimers.js';
import { EVENTS_PER_BATCH, EVENTS_PER_JOB, processWebhookJobs, webhookJobs, webhookTopUp, type StoredWebhookJob, type WebhookEvent } from './webhookEvents.js';
import { QUEUES, startQueueWorker, WorkQueue, type WorkQueueOptions } from './workQueue.js';

export interface BackgroundWorkOptions {
  ledger: HandoffLedger;
  /** A handler context for one job (its HubSpot budget is a workflow's). */
  context: () => HandlerContext;
  /** The handlers' clock: SLA timers fall due on it (the local portal's is simulated). */
  now: () => Date;
  queue?: WorkQueueOptions;
  /** How often the workers and the timers look (ms); default 500. */
  pollMs?: number;
  /** Sees each SLA check a timer ran (the local portal tells the viewer what happened). */
  onSlaCheck?: (result: CheckSlaResult) => void;
  onError?: (e: unknown) => void;
  /** While true (HubSpot's daily limit is reached), no job is taken: they wait in the queue without spending their tries. */
  paused?: () => boolean;
}

export interface BackgroundWork {
  readonly queue: WorkQueue;
  /** Stores a webhook delivery's events (one statement) for the worker, and says how many it acts on: what the webhook route answers after. */
  acceptWebhook(events: readonly WebhookEvent[], receivedAt: Date): Promise<number>;
  /** Looks for due SLA timers now (the clock moved) and runs what is due. */
  tick(): Promise<void>;
  /** Runs every job that is due, until none is (tests, and the local portal after its clock moves). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What runs behind the requests, in every server and in the local portal: the webhook events
 * stored by the webhook route, and the SLA timers. Both are jobs in the durable queue, so a
 * server killed mid-batch loses nothing: on restart the queue hands the unfinished jobs out again.
 */
export async function startBackgroundWork(o: BackgroundWorkOptions): Promise<BackgroundWork> {
  const queue = await WorkQueue.open(o.ledger, o.queue);
  await setMissingSlaTimers(o.ledger, o.context().policy, o.now());
  // The policy this host runs, in words, the first time its version runs (the policy page tells what changed from the one before).
  await o.ledger.recordPolicy(policyInWords(o.context().policy), o.now());
  const pollMs = o.pollMs ?? 500;
  const onError = o.onError ?? (() => undefined);
  // As many MQL events as one routing batch holds, on both engines: a batch's ledger work is a
  // dozen set-based statements, so even on PGlite (one connection, which a webhook's answer waits
  // for) no transaction holds it long; HubSpot's reads and writes happen outside the transaction.
  // Two batches are in flight, one's HubSpot calls overlapping the other's ledger work (the
  // routing lock orders their decisions). PGlite runs one statement at a time on its own thread,
  // so there the second batch's statements queue behind the first's; once the queue's and the step
  // records' work shrank it still gained: a list import at 10× time took 13.8-13.9 s with two,
  // 15.6-16.8 s with one (three: 13.7 s, with slower answers to the webhooks). Once each loop took
  // its next batch while one worked and recorded outcomes off the batch's path (startQueueWorker),
  // three were slower still: 11.9-15.7 s against 11.7-12.4 s with two (4 alternating runs).
  // A job holds up to EVENTS_PER_JOB events: a take of that many jobs fills a batch, and a take of
  // smaller ones (deliveries of an event or two) is topped up to one.
  const batch = EVENTS_PER_BATCH / EVENTS_PER_JOB;
  const concurrency = 2;
  const webhooks = startQueueWorker<StoredWebhookJob>(queue, QUEUES.webhookEvent, (jobs) => processWebhookJobs(o.context, jobs), { pollMs, batch, concurrency, onError, topUp: webhookTopUp, ...(o.paused ? { paused: o.paused } : {}) });
  const checks = startQueueWorker<SlaCheckJob>(queue, QUEUES.slaCheck, (jobs) => processSlaCheckJobs(o.context, jobs, o.onSlaCheck), { pollMs, batch: 25, onError, ...(o.paused ? { paused: o.paused } : {}) });
  let ticking: Promise<void> | undefined;
  const tick = () =>
    (ticking ??= queueDueSlaTimers(o.ledger, queue, o.now())
      .then((n) => void (n && checks.nudge()))
      .catch(onError)
      .finally(() => (ticking = undefined)));
  const timer = setInterval(() => void tick(), pollMs);
  (timer as { unref?: () => void }).unref?.();
  return {
    queue,
    async acceptWebhook(events, receivedAt) {
      const jobs = webhookJobs(events, receivedAt);
      if (await queue.add(QUEUES.webhookEvent, jobs)) webhooks.nudge();
      return jobs.reduce((n, j) => n + j.data.events.length, 0);
    },
    tick,
    async drain() {
      for (let round = 0; round < 50; round++) {
        await tick();
        webhooks.nudge();
        checks.nudge();
        await webhooks.idle();
        await checks.idle();
        const due = await o.ledger.dueSlaTimers(o.now(), 1);
        const counts = await queue.counts();
        if (!due.length && counts.every((c) => c.queue === QUEUES.blockedAction || c.waiting === 0)) return;
      }
    },
    async stop() {
      clearInterval(timer);
      await ticking;
      await webhooks.stop();
      await checks.stop();
      await queue.close();
    },
  };
}
