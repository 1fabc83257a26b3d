import { nextSlaCheckAt, OPEN_STATES, type HandoffPolicy } from '../domain/index.js';
import { checkSla } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { toHandlerError } from '../handlers/handlerError.js';
import { idempotencyKey } from '../handlers/inputs.js';
import type { HandoffLedger } from '../ledger/ledger.js';
import { QUEUES, type JobOutcome, type QueuedJob, type WorkQueue } from './workQueue.js';

/** An SLA check in the queue: which handoff, and the instant it was due. */
export interface SlaCheckJob {
  contactId: string;
  dueAt: string;
}

const SYSTEM = { kind: 'system' as const, id: 'sla-timer' };

/**
 * Hands each SLA timer to the work queue when its instant comes on the handlers' clock (the wall
 * clock in production, the local portal's simulated one there). Every change to a handoff sets
 * its timer in the same transaction, so escalation, stuck leads and recycling happen at their
 * instants with no HubSpot workflow built, and survive any restart: the timers are in the ledger.
 * The job is added before the timer is marked, so a crash between the two adds it again, and the
 * check's idempotency key makes the second one a replay.
 */
export async function queueDueSlaTimers(ledger: HandoffLedger, queue: WorkQueue, now: Date, limit = 500): Promise<number> {
  const due = await ledger.dueSlaTimers(now, limit);
  if (!due.length) return 0;
  await queue.add<SlaCheckJob>(QUEUES.slaCheck, due.map((t) => ({ data: { contactId: t.contactId, dueAt: t.dueAt.toISOString() }, singletonKey: `sla:${t.contactId}:${t.dueAt.toISOString()}` })));
  await ledger.markSlaTimersQueued(due);
  return due.length;
}

/**
 * Gives every open handoff that has no SLA timer (one written before the timers existed) its
 * next check. Every host runs it as its background work starts: one query when there is nothing
 * to do, which is every start after the first.
 */
export async function setMissingSlaTimers(ledger: HandoffLedger, policy: HandoffPolicy, now: Date): Promise<number> {
  let set = 0;
  for (let after = ''; ; ) {
    const page = await ledger.handoffsWithoutSlaTimer(OPEN_STATES, after, 500);
    if (!page.length) return set;
    for (const record of page) {
      const at = nextSlaCheckAt(record, policy, now);
      if (!at) continue;
      await ledger.transaction((tx) => tx.setSlaTimer(record.contactId, record.version, at, { ifMissing: true }));
      set++;
    }
    after = page.at(-1)!.contactId;
  }
}

/** Runs due SLA checks; a contact gone from HubSpot is recorded as skipped, a failure worth retrying backs off. */
export async function processSlaCheckJobs(ctx: () => HandlerContext, jobs: readonly QueuedJob<SlaCheckJob>[], onResult?: (r: Awaited<ReturnType<typeof checkSla>>) => void): Promise<JobOutcome[]> {
  const out: JobOutcome[] = [];
  for (const job of jobs) {
    try {
      const r = await checkSla(ctx(), { contactId: job.data.contactId, actor: SYSTEM, idempotencyKey: idempotencyKey('timer', `${job.data.contactId}:${job.data.dueAt}`) });
      onResult?.(r);
      out.push({ ok: true, output: { stage: r.stage, ...(r.nextCheckAt ? { nextCheckAt: r.nextCheckAt } : {}) } });
    } catch (e) {
      const err = toHandlerError(e);
      if (err.retryable) out.push({ ok: false, why: err.message });
      else {
        // Nothing to check any more (the contact is gone): the timer is cleared so it is not asked again.
        out.push({ ok: true, output: { skipped: err.code, why: err.message } });
        await ctx().ledger.transaction((tx) => tx.setSlaTimer(job.data.contactId, 0, null)).catch(() => undefined);
      }
    }
  }
  return out;
}
