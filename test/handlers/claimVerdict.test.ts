import { claimVerdict, formatClaim, parseClaim, type ClaimEntry } from '../../src/handlers/write/claimVerdict.js';

// History as HubSpot returns it: newest first. Builders keep the table readable.
const claim = (nonce: string, at: number, extra: Partial<ClaimEntry> = {}): ClaimEntry => ({ version: 4, key: `k-${nonce}`, nonce, at, ...extra });
const newestFirst = (...oldestFirst: ClaimEntry[]) => [...oldestFirst].reverse();
const mine = (nonce: string, key = `k-${nonce}`) => ({ version: 4, key, nonce });
const LEASE = 60_000;

describe('claimVerdict: who holds a handoff, from the claim history', () => {
  it.each([
    ['alone', [claim('a', 0)], 'a', { won: true }],
    ['first of two', [claim('a', 0), claim('b', 0)], 'a', { won: true }],
    ['second of two, same instant (history order decides)', [claim('a', 5), claim('b', 5)], 'b', { won: false, why: 'held', sameKey: false }],
    ['second, same key (a duplicate delivery)', [claim('a', 0), claim('b', 10, { key: 'k-a' })], 'b', { won: false, why: 'held', sameKey: true }],
    ['after a released claim', [claim('a', 0), claim('a', 1, { released: true }), claim('b', 2)], 'b', { won: true }],
    ['after a claim older than the lease', [claim('a', 0), claim('b', LEASE + 1)], 'b', { won: true }],
    ['after a claim exactly at the lease', [claim('a', 0), claim('b', LEASE)], 'b', { won: false, why: 'held' }],
    ['after a claim on another version', [claim('a', 0, { version: 3 }), claim('b', 1)], 'b', { won: true }],
    ['not in the history yet', [claim('a', 0)], 'b', { won: false, why: 'unseen' }],
  ])('%s', (_name, history, nonce, expected) => {
    const me = history.find((e) => e.nonce === nonce && !e.released);
    expect(claimVerdict(newestFirst(...history), 4, mine(nonce, me?.key ?? `k-${nonce}`), LEASE)).toMatchObject(expected);
  });

  it('loses when the handoff moved on since it was read, whatever the claims say', () => {
    expect(claimVerdict(newestFirst(claim('a', 0)), 5, mine('a'))).toEqual({ won: false, why: 'moved', currentVersion: 5 });
  });

  it("a retry reuses what the same action's released attempts created, never another action's", () => {
    const history = newestFirst(
      claim('x', 0, { key: 'accept' }),
      claim('x', 1, { key: 'accept', released: true, created: { noteId: 'other' } }),
      claim('a', 2, { key: 'reject' }),
      claim('a', 3, { key: 'reject', released: true, created: { noteId: '77' } }),
      claim('b', 4, { key: 'reject' }),
    );
    expect(claimVerdict(history, 4, mine('b', 'reject'))).toEqual({ won: true, reuse: { noteId: '77' } });
  });

  it('tells a loser how long the holder may keep the handoff', () => {
    const v = claimVerdict(newestFirst(claim('a', 1_000), claim('b', 11_000)), 4, mine('b'));
    expect(v).toMatchObject({ won: false, retryAfterMs: 50_000 });
  });

  it('reads back what it wrote, and ignores values that are not claims', () => {
    expect(parseClaim(formatClaim({ version: 2, key: 'k', nonce: 'n', released: true, created: { taskId: '9' } }), 7)).toEqual({ version: 2, key: 'k', nonce: 'n', released: true, created: { taskId: '9' }, at: 7 });
    expect(parseClaim('not json', 1)).toBeUndefined();
    expect(parseClaim('{"version":"2","key":"k","nonce":"n"}', 1)).toBeUndefined();
  });
});
