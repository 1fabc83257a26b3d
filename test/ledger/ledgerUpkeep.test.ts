import type { HandoffLedger } from '../../src/ledger/ledger.js';
import { startLedgerUpkeep } from '../../src/ledger/ledgerUpkeep.js';

// The schedule of the embedded ledger's upkeep: a vacuum every interval, the statistics refreshed
// on the first run and every `analyzeEvery` after; on PostgreSQL nothing runs (autovacuum does).
describe('startLedgerUpkeep', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());
  const ledgerOn = (engine: string, upkeep = jest.fn(async (_o?: { analyze?: boolean }) => undefined)) => ({ ledger: { engine: { name: engine, where: 'x' }, upkeep } as unknown as HandoffLedger, upkeep });
  const settle = () => new Promise((done) => setImmediate(done));

  it('on PGlite: a vacuum every interval, analyzed on the first run and every third after', async () => {
    const { ledger, upkeep } = ledgerOn('pglite');
    const running = startLedgerUpkeep(ledger, { everyMs: 1000, analyzeEvery: 3 });
    for (let k = 0; k < 7; k++) {
      jest.advanceTimersByTime(1000);
      await settle();
    }
    expect(upkeep.mock.calls.map(([o]) => o?.analyze)).toEqual([true, false, false, true, false, false, true]);
    await running.stop();
    jest.advanceTimersByTime(5000);
    expect(upkeep).toHaveBeenCalledTimes(7);
  });

  it('a failed run is reported and the next one still goes', async () => {
    const upkeep = jest.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const { ledger } = ledgerOn('pglite', upkeep);
    const errors: unknown[] = [];
    const running = startLedgerUpkeep(ledger, { everyMs: 1000, onError: (e) => errors.push(e) });
    for (let k = 0; k < 2; k++) {
      jest.advanceTimersByTime(1000);
      await settle();
    }
    expect(errors.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(upkeep).toHaveBeenCalledTimes(2);
    await running.stop();
  });

  it('on PostgreSQL: nothing is started', async () => {
    const { ledger, upkeep } = ledgerOn('postgresql');
    const running = startLedgerUpkeep(ledger, { everyMs: 1000 });
    jest.advanceTimersByTime(10_000);
    await settle();
    expect(upkeep).not.toHaveBeenCalled();
    await running.stop();
  });
});
