import { QUEUES, WorkQueue } from '../../src/queue/workQueue.js';
import { freshLedger, TEST_ENGINE } from '../support/testLedger.js';

// pg-boss's own statement for taking the next jobs (the one WorkQueue.take runs through fetch).
async function fetchStatement(): Promise<string> {
  const plans = ((await import('pg-boss/src/plans.js' as string)) as { default: { fetchNextJob: (schema: string) => (options: object) => string } }).default;
  return plans.fetchNextJob('handoff_jobs')({ includeMetadata: true });
}

describe(`the work queue on ${TEST_ENGINE}`, () => {
  it('takes the oldest waiting jobs through an index in that order, not by reading and sorting every waiting job', async () => {
    const ledger = await freshLedger();
    const queue = await WorkQueue.open(ledger);
    try {
      // A list import's worth of waiting events, stored as deliveries arrive (100 a delivery).
      for (let d = 0; d < 30; d++) await queue.add(QUEUES.webhookEvent, Array.from({ length: 100 }, (_, i) => ({ data: { n: d * 100 + i } })));
      await ledger.executeSql('analyze handoff_jobs.job');
      const { rows } = await ledger.executeSql(`explain ${await fetchStatement()}`, [QUEUES.webhookEvent, 100]);
      const plan = (rows as Record<string, string>[]).map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using \S*name_priority_created_on_id_idx/);
      expect(plan).not.toMatch(/Sort Key: job\.priority DESC, job\.created_on/);
      // The first delivery's events first (one delivery's jobs share their instant; ids break the tie).
      const taken = await queue.take<{ n: number }>(QUEUES.webhookEvent, 100);
      expect(taken.map((j) => j.data.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    } finally {
      await queue.close();
    }
  });
});
