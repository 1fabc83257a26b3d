import { sql, type Kysely } from 'kysely';
import { emptyRecord, talliesOf, type HandoffRecord } from '../../src/domain/index.js';
import { LedgerConflict, LedgerUnavailable, type LedgerChange } from '../../src/ledger/ledger.js';
import { LedgerMigrationFailed, openLedger } from '../../src/ledger/openLedger.js';
import { QUEUES, WorkQueue } from '../../src/queue/workQueue.js';
import { MIGRATIONS } from '../../src/ledger/migrations/index.js';
import { freshLedger, scratchDatabase, TEST_DATABASE_URL, TEST_ENGINE } from '../support/testLedger.js';

// The ledger's own contract, on whichever engine the run uses (PGlite by default, PostgreSQL in
// CI): the same tests pass on both.
const AT = new Date('2026-11-25T09:30:00Z');

function change(contactId: string, fromVersion: number, over: Partial<LedgerChange> = {}): LedgerChange {
  const record: HandoffRecord = { ...emptyRecord(contactId), state: 'routed', ownerId: '102', policyVersion: '2026.12.1', routedAt: AT, handoffCount: 1, version: fromVersion + 1 };
  return {
    contactId,
    fromVersion,
    record,
    events: [{ event: 'route', from: 'mql', to: 'routed', at: AT.toISOString(), actor: 'workflow:wf', reason: 'test', policyVersion: '2026.12.1', ownerId: '102' }],
    assignment: { ownerId: '102', ruleId: 'territory', why: 'test', source: 'route' },
    delivery: { key: `route:${contactId}:v${fromVersion}`, result: { ok: true } },
    effects: [{ kind: 'updateContact', contactId, properties: { handoff_stage: 'routed' } }],
    ...over,
  };
}

describe(`the ledger on ${TEST_ENGINE}`, () => {
  it('commits a change: the handoff at its new version, the delivery, the timeline, the assignment and the outbox item', async () => {
    const ledger = await freshLedger();
    await ledger.transaction((tx) => tx.commit(change('1', 0)));
    expect(await ledger.handoff('1')).toMatchObject({ state: 'routed', version: 1, ownerId: '102', routedAt: AT });
    expect(await ledger.delivery('route:1:v0')).toMatchObject({ contactId: '1', result: { ok: true } });
    expect((await ledger.timeline('1')).map((e) => [e.event, e.version])).toEqual([['route', 1]]);
    expect(await ledger.transaction((tx) => tx.routingLoad([new Date(AT.getTime() - 1)], AT))).toEqual({ openHandoffs: { '102': 1 }, assignmentTallies: [{ since: new Date(AT.getTime() - 1).toISOString(), byOwner: { '102': { count: 1, last: AT.toISOString() } } }] });
    expect(await ledger.outboxStatus()).toEqual({ pending: 1, retrying: 0, parked: [] });
  });

  it('a compare-and-set on a version that moved on, or a delivery key already recorded, commits nothing', async () => {
    const ledger = await freshLedger();
    await ledger.transaction((tx) => tx.commit(change('1', 0)));
    await expect(ledger.transaction((tx) => tx.commit(change('1', 0, { delivery: { key: 'other', result: {} } })))).rejects.toEqual(new LedgerConflict('moved', '1'));
    await expect(ledger.transaction((tx) => tx.commit(change('1', 1, { delivery: { key: 'route:1:v0', result: {} } })))).rejects.toEqual(new LedgerConflict('duplicate', '1'));
    expect(await ledger.delivery('other')).toBeUndefined();
    expect(await ledger.timelineCount('1')).toBe(1);
    expect((await ledger.outboxStatus()).pending).toBe(1);
    expect(await ledger.handoff('1')).toMatchObject({ version: 1 });
  });

  it("leases only each contact's oldest pending item, resumes after the last step, backs off and parks", async () => {
    const ledger = await freshLedger();
    await ledger.transaction((tx) => tx.commit(change('1', 0)));
    await ledger.transaction((tx) => tx.commit(change('1', 1, { delivery: { key: 'k2', result: {} } })));
    await ledger.transaction((tx) => tx.commit(change('2', 0)));
    const first = await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 });
    expect(first.map((i) => [i.contactId, i.version])).toEqual([['1', 1], ['2', 1]]);
    expect(await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 })).toEqual([]); // leased
    await ledger.outboxSteps([{ item: first[0]!, step: 1, outputs: { taskId: '77', leadId: 'L9' } }], 30_000);
    await ledger.outboxDone(first[0]!.id);
    const next = await ledger.leaseOutbox({ contactId: '1', limit: 10, leaseMs: 30_000 });
    expect(next.map((i) => i.version)).toEqual([2]);
    await ledger.outboxFailed(next[0]!.id, 'HubSpot answered 503', 60_000);
    expect(await ledger.leaseOutbox({ contactId: '1', limit: 10, leaseMs: 30_000 })).toEqual([]); // backing off
    expect(await ledger.leaseOutbox({ contactId: '1', limit: 10, leaseMs: 30_000, dueBy: new Date(Date.now() + 120_000) })).toHaveLength(1);
    await ledger.outboxFailed(first[1]!.id, 'contact 2 was deleted', undefined);
    expect(await ledger.outboxStatus()).toEqual({ pending: 2, retrying: 1, parked: [{ id: first[1]!.id, contactId: '2', error: 'contact 2 was deleted' }] });
    expect(await ledger.delivery('route:1:v0')).toMatchObject({ result: { ok: true, taskId: '77' } });
    // Recorded on the item alone: the delivery's row is not rewritten; its result is read with the item's outputs.
    const { rows } = await ledger.executeSql("select result from delivery where portal_id = $1 and key = 'route:1:v0'", [ledger.portalId]);
    expect((rows[0] as { result: Record<string, unknown> }).result).not.toHaveProperty('taskId');
    expect((await ledger.deliveries(['route:1:v0', 'k2'])).get('route:1:v0')).toMatchObject({ result: { ok: true, taskId: '77', leadId: 'L9' } });
    expect(await ledger.contactOfLead('L9')).toBe('1');
  });

  it("reads a record written with its task's pending id with the real one, once the outbox records it, by every read", async () => {
    const ledger = await freshLedger();
    const pending = (contactId: string, fromVersion: number, key: string) => change(contactId, fromVersion, { record: { ...change(contactId, fromVersion).record, taskId: `pending:${key}`, mqlAt: AT }, delivery: { key, result: {} } });
    await ledger.transaction((tx) => tx.commit(pending('1', 0, 'route:1')));
    await ledger.transaction((tx) => tx.commit(pending('2', 0, 'route:2')));
    // Before HubSpot made it, the pending id is what there is.
    expect((await ledger.handoff('1'))?.taskId).toBe('pending:route:1');
    const [item1, item2] = await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 });
    // Contact 1 moves on before its task is recorded: the new version still names the pending task.
    await ledger.transaction(async (tx) => tx.commit({ ...pending('1', 1, 'accept:1'), record: { ...(await tx.handoff('1'))!, state: 'accepted', version: 2 } }));
    await ledger.outboxSteps([{ item: item1!, step: 1, outputs: { taskId: '501' } }, { item: item2!, step: 1, outputs: { leadId: 'L1' } }], 30_000);
    const reads = {
      one: { '1': (await ledger.handoff('1'))?.taskId, '2': (await ledger.handoff('2'))?.taskId },
      batch: Object.fromEntries([...(await ledger.transaction((tx) => tx.handoffs(['1', '2'])))].map(([id, r]) => [id, r.taskId])),
      inStates: Object.fromEntries((await ledger.handoffsIn(['routed', 'accepted'], '', 10)).map((r) => [r.contactId, r.taskId])),
      mqlBetween: Object.fromEntries((await ledger.handoffsMqlBetween(new Date(AT.getTime() - 1), new Date(AT.getTime() + 1), '', 10)).map((r) => [r.contactId, r.taskId])),
      withoutTimer: Object.fromEntries((await ledger.handoffsWithoutSlaTimer(['routed', 'accepted'], '', 10)).map((r) => [r.contactId, r.taskId])),
    };
    // Contact 1's task is real now, in whichever version holds its pending id; contact 2's item recorded no task, so its id stays pending.
    for (const read of Object.values(reads)) expect(read).toEqual({ '1': '501', '2': 'pending:route:2' });
    expect((await ledger.handoff('1'))?.state).toBe('accepted');
    // The record itself was not rewritten: one row written a step, the item's.
    const { rows } = await ledger.executeSql("select record->>'taskId' as task_id from handoff where portal_id = $1 and contact_id = '1'", [ledger.portalId]);
    expect(rows).toEqual([{ task_id: 'pending:route:1' }]);
  });

  it('counts assignments in SQL exactly as the domain counts the same assignments listed', async () => {
    const ledger = await freshLedger();
    const owners = ['102', '103', '104'];
    const listed: { ownerId: string; at: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const at = new Date(AT.getTime() - i * 5 * 86_400_000 + (i % 3) * 60_000); // some outside a 30-day look-back
      listed.push({ ownerId: owners[i % 3]!, at: at.toISOString() });
      await ledger.transaction((tx) => tx.commit(change(`c${i}`, 0, { record: { ...change(`c${i}`, 0).record, routedAt: at, ownerId: owners[i % 3]! }, assignment: { ownerId: owners[i % 3]!, why: 'test', source: 'route' } })));
    }
    const future = new Date(AT.getTime() + 60_000);
    listed.push({ ownerId: '102', at: future.toISOString() });
    await ledger.transaction((tx) => tx.commit(change('later', 0, { record: { ...change('later', 0).record, routedAt: future } })));
    const starts = [new Date(AT.getTime() - 30 * 86_400_000), new Date(AT.getTime() - 7 * 86_400_000)];
    const counted = await ledger.transaction((tx) => tx.routingLoad(starts, AT));
    expect(counted.assignmentTallies).toEqual(talliesOf(listed, starts, AT));
    // Not vacuous: the look-back's window and the later one count differently, and the future assignment is not counted.
    expect(counted.assignmentTallies.map((t) => Object.values(t.byOwner).reduce((n, o) => n + o.count, 0))).toEqual([7, 2]);
  });

  it('a failed migration leaves the previous schema and names itself; the next good start migrates', async () => {
    const url = TEST_DATABASE_URL ? await scratchDatabase(TEST_DATABASE_URL) : undefined;
    const config = url ? { databaseUrl: url.url } : { dataDir: 'memory' };
    try {
      const broken = { ...MIGRATIONS, '999_broken': { up: async (db: Kysely<unknown>) => void (await sql`alter table handoff add column x integer; select no_such_function()`.execute(db)) } };
      if (url) {
        await openLedger(config).then((l) => l.close());
        await expect(openLedger({ ...config, migrations: broken })).rejects.toThrow(LedgerMigrationFailed);
        await expect(openLedger({ ...config, migrations: broken })).rejects.toThrow(/999_broken failed, so the previous schema is kept/);
        const ledger = await openLedger({ ...config, migrate: false });
        expect(await ledger.schemaStatus()).toEqual({ applied: Object.keys(MIGRATIONS), pending: [] });
        const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'handoff'`.execute(ledger.kysely);
        expect(columns.rows.map((c) => c.column_name)).not.toContain('x');
        await ledger.close();
      } else {
        await expect(openLedger({ ...config, migrations: broken })).rejects.toThrow(/999_broken failed, so the previous schema is kept and Handoff will not start/);
      }
    } finally {
      await url?.drop();
    }
  });

  (TEST_DATABASE_URL ? it : it.skip)('two instances starting at once on an empty database migrate once', async () => {
    const url = await scratchDatabase(TEST_DATABASE_URL!);
    try {
      const ledgers = await Promise.all([0, 1, 2].map(() => openLedger({ databaseUrl: url.url })));
      const runs = await sql<{ n: string }>`select count(*) as n from kysely_migration`.execute(ledgers[0]!.kysely);
      expect(Number(runs.rows[0]!.n)).toBe(Object.keys(MIGRATIONS).length); // each migration once
      // and their work queues, set up at once on the same database, take turns creating pg-boss's schema
      const queues = await Promise.all(ledgers.map((l) => WorkQueue.open(l)));
      expect((await queues[0]!.counts()).map((c) => c.queue)).toEqual(Object.values(QUEUES));
      for (const q of queues) await q.close();
      await Promise.all(ledgers.map((l) => l.close()));
    } finally {
      await url.drop();
    }
  });

  it('a database that cannot be reached is LedgerUnavailable, not a crash', async () => {
    const down = await openLedger({ databaseUrl: 'postgresql://nobody@127.0.0.1:1/none', migrate: false });
    await expect(down.handoff('1')).rejects.toBeInstanceOf(LedgerUnavailable);
    await expect(down.transaction((tx) => tx.commit(change('1', 0)))).rejects.toBeInstanceOf(LedgerUnavailable);
    await down.close();
  });
});
