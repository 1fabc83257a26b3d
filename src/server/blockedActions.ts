import type { CrmGateway } from '../hubspot/crmGateway.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { toHandlerError } from '../handlers/handlerError.js';
import { QUEUES, startQueueWorker, type JobOutcome, type QueuedJob, type WorkQueue } from '../queue/workQueue.js';
import { WORKFLOW_ACTIONS, type ActionDeps, type WorkflowActionRequest, type WorkflowActionSpec } from './workflowActions.js';

/** What a blocked action answers HubSpot at once: wait for a callback, for at most a day. */
export const BLOCKED_ANSWER = { outputFields: { hs_execution_state: 'BLOCK', hs_expiration_duration: 'P1D' } } as const;

type Outputs = Record<string, string | number | boolean>;
type BlockedRequest = WorkflowActionRequest & { callbackId: string };

/** A blocked enrolment as the work queue keeps it: which action, and HubSpot's request as it came. */
export interface BlockedActionJob {
  actionId: WorkflowActionSpec['id'];
  request: BlockedRequest;
}

export interface BlockedActionsOptions {
  /** The durable queue the blocked enrolments wait in (the ledger's database). */
  queue: WorkQueue;
  context: () => HandlerContext;
  crm: () => CrmGateway;
  deps?: ActionDeps;
  /** How often enrolments held in memory (the database was unavailable) are offered to the queue again (ms); default 1000. */
  retryMs?: number;
  /** How often the queue is looked at for blocked enrolments (ms); default 1000. */
  pollMs?: number;
  /** While true (HubSpot's daily limit is reached), nothing is taken: the enrolments wait in the queue without spending their tries. */
  paused?: () => boolean;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * Workflow actions that could not be answered within the server's budget (the ledger unavailable,
 * a long queue): answered BLOCK, kept in the durable work queue, finished by whichever instance
 * takes them, and completed through HubSpot's callbacks API with the output fields a direct answer
 * would have had (in one batch call when several are ready).
 *
 * When the database itself is what is unavailable, the queue cannot take them either: they are
 * held in this process and offered to the queue every `retryMs` until it takes them. The action's
 * work is keyed by its callbackId (its delivery key), so running it again changes nothing twice;
 * a job is done only once HubSpot took its completion, and a completion this process already sent
 * is never sent again (a job whose "done" was lost with the database is settled, not re-sent).
 */
export class BlockedActions {
  /** Blocked while the queue could not take them (the database unavailable): offered again every retryMs. */
  private readonly held = new Map<string, BlockedActionJob>();
  /** Runs still going when their action was blocked (a slow answer): taken over rather than run twice. */
  private readonly running = new Map<string, Promise<Outputs>>();
  /** Completions HubSpot took from this process. */
  private readonly completed = new Set<string>();
  private readonly worker: ReturnType<typeof startQueueWorker<BlockedActionJob>>;
  private timer?: ReturnType<typeof setInterval>;
  private flushing?: Promise<void>;

  constructor(private readonly o: BlockedActionsOptions) {
    this.worker = startQueueWorker<BlockedActionJob>(o.queue, QUEUES.blockedAction, (jobs) => this.work(jobs), {
      pollMs: o.pollMs ?? 1_000,
      batch: 100,
      ...(o.paused ? { paused: o.paused } : {}),
      onError: (e) => o.log?.({ level: 'warn', event: 'blocked_actions_unavailable', message: e instanceof Error ? e.message : String(e) }),
    });
  }

  /** Takes an action over: its run (or a new one) finishes from the queue, and HubSpot is told by callback. */
  block(action: WorkflowActionSpec, request: BlockedRequest, running?: Promise<Outputs>): void {
    if (this.completed.has(request.callbackId) || this.held.has(request.callbackId)) return;
    if (running) this.takeOver(request.callbackId, running);
    this.held.set(request.callbackId, { actionId: action.id, request: readAgainLater(request) });
    this.o.log?.({ level: 'warn', event: 'workflow_action_blocked', action: action.id, objectId: request.object.objectId });
    void this.flush();
    this.timer ??= setInterval(() => void this.flush(), this.o.retryMs ?? 1_000);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Enrolments held in this process because the queue could not take them yet. */
  get heldHere(): number {
    return this.held.size;
  }

  /** A slow run goes on; the worker that takes its job here awaits it (another instance's worker replays it by its key). */
  private takeOver(callbackId: string, running: Promise<Outputs>): void {
    running.catch(() => undefined); // its failure is the worker's to read, not an unhandled rejection
    this.running.set(callbackId, running);
    const forget = () => setTimeout(() => this.running.delete(callbackId), 60_000);
    void running.then(forget, forget).then((t) => (t as { unref?: () => void }).unref?.());
  }

  /** How many enrolments wait for their callback: those held here and those in the queue. */
  async waiting(): Promise<number> {
    const counts = (await this.o.queue.counts()).find((c) => c.queue === QUEUES.blockedAction);
    return this.held.size + (counts ? counts.waiting + counts.active + counts.retrying : 0);
  }

  /** Offers what is held to the queue now, then runs what the queue holds until none is due (tests, and a clock that moved). */
  async tick(): Promise<void> {
    await this.flush();
    this.worker.nudge();
    await this.worker.idle();
  }

  /** What is held goes to the queue in one statement; if the database is still unavailable, it stays held. */
  private flush(): Promise<void> {
    return (this.flushing ??= this.offer().finally(() => (this.flushing = undefined)));
  }

  private async offer(): Promise<void> {
    if (!this.held.size) return this.stopTimer();
    const jobs = [...this.held.values()];
    try {
      await this.o.queue.add(QUEUES.blockedAction, jobs.map((data) => ({ data })));
    } catch (e) {
      this.o.log?.({ level: 'warn', event: 'blocked_actions_held', held: this.held.size, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const j of jobs) this.held.delete(j.request.callbackId);
    if (!this.held.size) this.stopTimer();
    this.worker.nudge();
  }

  /** One batch of blocked enrolments: each action finished (or found finished), then the ready ones completed in one call. */
  private async work(jobs: QueuedJob<BlockedActionJob>[]): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    const ready = new Map<string, Record<string, string>>();
    const waiting: number[] = [];
    await Promise.all(
      jobs.map(async (job, i) => {
        const { actionId, request } = job.data;
        if (this.completed.has(request.callbackId)) return void (outcomes[i] = { ok: true, output: { completed: 'before' } });
        const action = WORKFLOW_ACTIONS.find((a) => a.id === actionId);
        if (!action) return void (outcomes[i] = { ok: false, why: `no workflow action is called ${actionId}` });
        const run = this.running.get(request.callbackId) ?? action.run(this.o.context(), request, this.o.deps);
        this.running.delete(request.callbackId);
        try {
          ready.set(request.callbackId, strings({ ...(await run), hs_execution_state: 'SUCCESS' }));
        } catch (e) {
          const err = toHandlerError(e);
          // Still unavailable: the queue tries it again after its backoff, until its tries run out;
          // then (and for anything else) the step fails with why, as a direct answer would have.
          if (err.retryable && job.retryCount < this.o.queue.retryLimit) return void (outcomes[i] = { ok: false, why: err.message });
          ready.set(request.callbackId, { hs_execution_state: 'FAIL_CONTINUE', error_code: err.code, error_message: err.message });
        }
        waiting.push(i);
      }),
    );
    if (ready.size) {
      try {
        await this.o.crm().completeActions([...ready].map(([callbackId, outputFields]) => ({ callbackId, outputFields })));
        for (const id of ready.keys()) this.completed.add(id);
        if (this.completed.size > 100_000) this.completed.clear();
      } catch (e) {
        const why = `HubSpot did not take the completion: ${e instanceof Error ? e.message : String(e)}`;
        for (const i of waiting) outcomes[i] = { ok: false, why };
        return outcomes;
      }
    }
    for (const i of waiting) outcomes[i] = { ok: true, output: { completed: jobs[i]!.data.request.callbackId, with: ready.get(jobs[i]!.data.request.callbackId)?.hs_execution_state ?? '' } };
    return outcomes;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async stop(): Promise<void> {
    this.stopTimer();
    if (this.held.size) this.o.log?.({ level: 'error', event: 'blocked_actions_lost', held: this.held.size, message: 'stopped while the database was unavailable: these enrolments wait in HubSpot until they expire (1 day)' });
    await this.worker.stop();
  }
}

/**
 * A blocked enrolment may run long after it came (the ledger back after an outage): its contact is
 * then read from HubSpot again, not taken as the enrolment brought it. The properties stay for
 * routing while HubSpot's daily limit is reached, when no read can be made.
 */
function readAgainLater(request: BlockedRequest): BlockedRequest {
  const { propertiesSent: _sent, ...object } = request.object;
  return { ...request, object };
}

const strings = (o: Outputs): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
