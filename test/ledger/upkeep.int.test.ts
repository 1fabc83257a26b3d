import { emptyRecord, type HandoffRecord } from '../../src/domain/index.js';
import type { LedgerChange } from '../../src/ledger/ledger.js';
import { WorkQueue } from '../../src/queue/workQueue.js';
import { freshLedger, TEST_ENGINE } from '../support/testLedger.js';

// The embedded engine has no autovacuum: the rows Handoff's updates leave behind (an outbox item
// rewritten at each step, a delivery's result, a handoff's version) stay until something vacuums
// them, and the planner has no statistics until something analyzes. Upkeep does both there.
const AT = new Date('2026-11-25T09:30:00Z');

function change(contactId: string): LedgerChange {
  const record: HandoffRecord = { ...emptyRecord(contactId), state: 'routed', ownerId: '102', policyVersion: '2026.12.2', routedAt: AT, handoffCount: 1, version: 1 };
  return {
    contactId,
    fromVersion: 0,
    record,
    events: [{ event: 'route', from: 'mql', to: 'routed', at: AT.toISOString(), actor: 'workflow:wf', reason: 'test', policyVersion: '2026.12.2', ownerId: '102' }],
    delivery: { key: `route:${contactId}:v0`, result: {} },
    effects: [{ kind: 'updateContact', contactId, properties: { handoff_stage: 'routed' } }],
  };
}

/** What the planner believes a table holds (reltuples: set by vacuum and analyze, -1 or 0 before either). */
async function believedRows(ledger: Awaited<ReturnType<typeof freshLedger>>, table: string): Promise<number> {
  const { rows } = await ledger.executeSql(`select reltuples::int as n from pg_class where oid = to_regclass($1)`, [table]);
  return Number((rows[0] as { n: number }).n);
}

describe(`ledger upkeep on ${TEST_ENGINE}`, () => {
  it(TEST_ENGINE === 'pglite' ? 'vacuums and analyzes the tables Handoff rewrites (and analyzes the account index), the work queue included once it exists' : 'does nothing: PostgreSQL vacuums itself', async () => {
    const ledger = await freshLedger();
    const ids = Array.from({ length: 40 }, (_, n) => `c${n + 1}`);
    const { outboxIds } = await ledger.transaction((tx) => tx.commitBatch(ids.map(change)));
    await ledger.outboxDone(outboxIds);
    const before = await believedRows(ledger, 'outbox');
    const sql = jest.spyOn(ledger, 'executeSql');
    // Before the work queue has made its schema, and after.
    await ledger.upkeep({ analyze: true });
    const queue = await WorkQueue.open(ledger);
    await ledger.upkeep();
    await queue.close();
    const ran = sql.mock.calls.map(([text]) => text).filter((text) => text.startsWith('vacuum'));
    sql.mockRestore();
    if (TEST_ENGINE !== 'pglite') {
      expect(ran).toEqual([]);
      return;
    }
    expect(ran).toEqual(['vacuum (analyze) outbox, delivery, handoff, sla_timer, account', 'vacuum outbox, delivery, handoff, sla_timer, handoff_jobs.job']);
    expect(before).not.toBe(40);
    expect(await believedRows(ledger, 'outbox')).toBe(40);
    expect(await believedRows(ledger, 'handoff')).toBe(40);
    // Analysed, the empty account index is known to be empty (-1: never analysed).
    expect(await believedRows(ledger, 'account')).toBe(0);
  });
});
