import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { emptyRecord, type HandoffRecord } from '../../src/domain/index.js';
import { MIGRATIONS } from '../../src/ledger/migrations/index.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import type { LedgerChange } from '../../src/ledger/ledger.js';
import { freshLedger, TEST_ENGINE } from '../support/testLedger.js';

// The outbox never starves: a lease picks, among the items that are due, not leased and not
// parked, each contact's oldest pending one, in order. Parked, leased and backing-off items never
// fill a lease, so every other contact's work still moves. Before, the limit picked each contact's
// oldest item first and filtered after: 10 parked contacts with a lease of 10 delivered nothing.
const AT = new Date('2026-11-25T09:30:00Z');

function change(contactId: string, fromVersion = 0): LedgerChange {
  const record: HandoffRecord = { ...emptyRecord(contactId), state: 'routed', ownerId: '102', policyVersion: '2026.12.2', routedAt: AT, handoffCount: 1, version: fromVersion + 1 };
  return {
    contactId,
    fromVersion,
    record,
    events: [{ event: 'route', from: 'mql', to: 'routed', at: AT.toISOString(), actor: 'workflow:wf', reason: 'test', policyVersion: '2026.12.2', ownerId: '102' }],
    delivery: { key: `route:${contactId}:v${fromVersion}`, result: {} },
    effects: [{ kind: 'updateContact', contactId, properties: { handoff_stage: 'routed' } }],
  };
}

describe(`the outbox's lease on ${TEST_ENGINE}`, () => {
  it('with more parked contacts than one lease takes, the others are still leased and delivered', async () => {
    const ledger = await freshLedger();
    // Contacts 10-21 come first (oldest ids), contacts 50-54 after.
    for (let c = 10; c < 22; c++) await ledger.transaction((tx) => tx.commit(change(String(c))));
    for (let c = 50; c < 55; c++) await ledger.transaction((tx) => tx.commit(change(String(c))));
    const first = await ledger.leaseOutbox({ limit: 12, leaseMs: 30_000 });
    expect(first.map((i) => i.contactId)).toEqual(['10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21']);
    // HubSpot refuses 10-17 for good (parked); 18-19 fail and back off; 20-21 stay leased by a slow worker.
    for (const item of first.slice(0, 8)) await ledger.outboxFailed(item.id, `contact ${item.contactId} was deleted`, undefined);
    for (const item of first.slice(8, 10)) await ledger.outboxFailed(item.id, 'HubSpot answered 503', 60_000);

    const next = await ledger.leaseOutbox({ limit: 5, leaseMs: 30_000 });
    expect(next.map((i) => i.contactId)).toEqual(['50', '51', '52', '53', '54']);
    await ledger.outboxDone(next.map((i) => i.id));
    const status = await ledger.outboxStatus();
    expect(status.parked.map((p) => p.contactId)).toEqual(['10', '11', '12', '13', '14', '15', '16', '17']);
    expect(status.parked[0]!.error).toBe('contact 10 was deleted');
    expect(status.retrying).toBe(2);
    expect(status.pending).toBe(12);
  });

  it("a parked item still holds its own contact's later items back, in order; retried, it goes first", async () => {
    const ledger = await freshLedger();
    await ledger.transaction((tx) => tx.commit(change('7', 0)));
    await ledger.transaction((tx) => tx.commit({ ...change('7', 1), delivery: { key: 'second', result: {} } }));
    const [head] = await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 });
    await ledger.outboxFailed(head!.id, 'a validation rule refused it', undefined);
    expect(await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 })).toEqual([]);
    expect(await ledger.outboxRetry()).toBe(1);
    const again = await ledger.leaseOutbox({ limit: 10, leaseMs: 30_000 });
    expect(again.map((i) => [i.contactId, i.version])).toEqual([['7', 1]]);
    expect((await ledger.outboxStatus()).parked).toEqual([]);
  });
});

describe('the parked column, on a ledger from before it', () => {
  it('an item parked the old way (an error prefix, a century away) is parked after the migration, its error kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-outbox-parked-'));
    try {
      const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '008'));
      const old = await openLedger({ dataDir: dir, migrations: before });
      await old.transaction((tx) => tx.commit(change('3')));
      await old.transaction((tx) => tx.commit(change('4')));
      await sql`update outbox set last_error = 'parked: contact 3 was deleted', attempts = 1, next_attempt_at = now() + interval '100 years' where contact_id = '3'`.execute(old.kysely);
      await old.close();
      const ledger = await openLedger({ dataDir: dir });
      expect(await ledger.outboxStatus()).toEqual({ pending: 2, retrying: 0, parked: [{ id: expect.any(String), contactId: '3', error: 'contact 3 was deleted' }] });
      expect((await ledger.leaseOutbox({ limit: 1, leaseMs: 30_000 })).map((i) => i.contactId)).toEqual(['4']);
      expect(await ledger.outboxRetry()).toBe(1);
      expect((await ledger.leaseOutbox({ limit: 5, leaseMs: 30_000 })).map((i) => i.contactId)).toEqual(['3']);
      await ledger.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
