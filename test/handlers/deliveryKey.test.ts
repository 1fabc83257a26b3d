import { deliveryKey, idempotencyKey } from '../../src/handlers/inputs.js';

// One rule keys every delivery in the ledger: a replay of the same delivery finds what it answered,
// and two different actions on one handoff version never share a key.
describe('deliveryKey', () => {
  it.each([
    ['route', { contactId: '101' }, 0, undefined, 'route:101:v0'],
    ['route', { contactId: '101', idempotencyKey: 'wf:cb-1' }, 3, undefined, 'route:wf:cb-1'],
    ['check-sla', { contactId: '101', idempotencyKey: 'timer:101:2026-11-25T10:00:00.000Z' }, 2, undefined, 'check-sla:timer:101:2026-11-25T10:00:00.000Z'],
    ['reject', { contactId: '101' }, 1, 'bad-timing', 'reject:101:v1:bad-timing'],
    ['accept', { contactId: '101' }, 1, undefined, 'accept:101:v1'],
    ['convert', { contactId: '101', idempotencyKey: undefined }, 2, '9001', 'convert:101:v2:9001'],
    ['lead-deleted', { contactId: '101' }, 'once', '7001', 'lead-deleted:101:7001'],
    ['lead-owner', { contactId: '101' }, 4, undefined, 'lead-owner:101:v4'],
  ] as const)('%s %j at v%d (%s) → %s', (action, input, version, detail, key) => {
    expect(deliveryKey(action, input, version, detail)).toBe(key);
  });

  it('tells apart what a caller could send twice on one version', () => {
    const input = { contactId: '101' };
    expect(new Set([deliveryKey('reject', input, 1, 'bad-timing'), deliveryKey('reject', input, 1, 'no-budget'), deliveryKey('recycle', input, 1, 'bad-timing'), deliveryKey('reject', input, 2, 'bad-timing')]).size).toBe(4);
  });

  it('makes a key of any delivery id HubSpot repeats, within the key alphabet', () => {
    expect(idempotencyKey('wf', 'abc/def ghi')).toBe('wf:abc_def_ghi');
    expect(idempotencyKey('timer', '101:2026-11-25T10:00:00.000Z')).toBe('timer:101:2026-11-25T10:00:00.000Z');
    expect(idempotencyKey('wh', 'x'.repeat(300))).toHaveLength(193);
  });
});
