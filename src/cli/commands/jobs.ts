import type { Command } from 'commander';
import { formatInstant } from '../../domain/index.js';
import { describeJob, QUEUE_LABELS, WorkQueue, type QueueName } from '../../queue/workQueue.js';
import { CliExit, type CliIO } from '../io.js';
import { openLedgerOrExit } from '../ledgerOption.js';

/**
 * `handoff jobs`: the work queue as an admin needs it: what waits, what retries, the SLA timers,
 * and every job parked after its tries ran out, with why; `--retry <id>` puts one back in line.
 */
export function registerJobs(program: Command, io: CliIO): void {
  program
    .command('jobs')
    .description('the work queue: webhook events and SLA checks waiting, retrying and parked (with why), and the SLA timers')
    .option('--json', 'as JSON')
    .option('--retry <id>', 'put a parked job back in line (after fixing its cause)')
    .option('--limit <n>', 'parked jobs to list', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--limit: "${v}" is not a whole number of at least 1`);
      return n;
    }, 20)
    .action(async (opts: { json?: boolean; retry?: string; limit: number }) => {
      const ledger = await openLedgerOrExit(io, true);
      const queue = await WorkQueue.open(ledger);
      try {
        if (opts.retry) {
          const job = (await queue.parked(10_000)).find((j) => j.id === opts.retry);
          if (!job) {
            io.err(`--retry: no parked job has the id "${opts.retry}" (handoff jobs lists them)`);
            throw new CliExit(2);
          }
          await queue.retry(job.queue, job.id);
          io.out(`${QUEUE_LABELS[job.queue]} job ${job.id} is back in line.`);
          return;
        }
        const [counts, parked, timers, portals] = await Promise.all([queue.counts(), queue.parked(opts.limit), ledger.slaTimers(), ledger.portals()]);
        // Instants in the portal's own time zone (the ledger's portal; Dublin before one was recorded).
        const zone = portals.find((p) => p.id === ledger.portalId)?.timeZone ?? 'Europe/Dublin';
        if (opts.json) {
          io.out(JSON.stringify({ queues: counts, slaTimers: timers, parked }, null, 2));
          return;
        }
        for (const c of counts) io.out(`${QUEUE_LABELS[c.queue]}: ${c.waiting} waiting, ${c.active} running, ${c.retrying} retrying, ${c.parked} parked, ${c.done} done in the last hour`);
        io.out(`SLA timers: ${timers.waiting} waiting${timers.next ? `, the next at ${formatInstant(timers.next.dueAt, zone, true)} (contact ${timers.next.contactId})` : ''}; ${timers.queued} handed to the queue`);
        if (!parked.length) io.out('Parked: none.');
        for (const j of parked) io.out(`Parked ${QUEUE_LABELS[j.queue as QueueName]} job ${j.id} (${describeJob(j.data)}), after ${j.tries} tries, ${formatInstant(j.failedAt, zone, true)}: ${j.why}`);
      } finally {
        await queue.close();
        await ledger.close();
      }
    });
}
