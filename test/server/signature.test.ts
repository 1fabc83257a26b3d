import { signV2, signV3, verifyHubSpotSignature } from '../../src/server/signature.js';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const NOW = Date.parse('2026-11-25T09:30:00Z');

describe('HubSpot request signatures', () => {
  it('v2 matches the example in HubSpot\'s request-validation guide', () => {
    expect(signV2(SECRET, 'GET', 'https://www.example.com/webhook_uri', '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
  });

  const url = 'https://handoff.example.ie/api/cards/outcome?userId=42&userEmail=aoife.kelly%40example.ie&portalId=99';
  const body = '{"contactId":"1001","action":"accept"}';
  const headers = (over: Record<string, string> = {}) => ({
    'X-HubSpot-Signature-v3': signV3(SECRET, 'POST', url, body, NOW - 1000),
    'X-HubSpot-Request-Timestamp': String(NOW - 1000),
    ...over,
  });
  const check = (h: Record<string, string>, b = body, secret = SECRET, now = NOW, allowV2 = false) => verifyHubSpotSignature({ method: 'POST', url, body: b, headers: h }, secret, now, { allowV2 });

  it.each([
    ['a valid v3 signature', headers(), body, SECRET, NOW, { ok: true, version: 'v3' }],
    ['a tampered body', headers(), body.replace('accept', 'reject'), SECRET, NOW, { ok: false, why: 'X-HubSpot-Signature-v3 does not match' }],
    ['the wrong secret', headers(), body, 'another-secret', NOW, { ok: false, why: 'X-HubSpot-Signature-v3 does not match' }],
    ['a timestamp 6 minutes old', headers(), body, SECRET, NOW + 6 * 60_000, { ok: false, why: "the signature's timestamp is 361 s old; HubSpot's window is 300 s" }],
    ['no signature header', {}, body, SECRET, NOW, { ok: false, why: 'no X-HubSpot-Signature-v3 header' }],
    ['no timestamp header', { 'X-HubSpot-Signature-v3': headers()['X-HubSpot-Signature-v3'] }, body, SECRET, NOW, { ok: false, why: 'X-HubSpot-Request-Timestamp is missing or not a number' }],
    ['a signature of a different length', headers({ 'X-HubSpot-Signature-v3': 'short' }), body, SECRET, NOW, { ok: false, why: 'X-HubSpot-Signature-v3 does not match' }],
  ])('%s', (_name, h, b, secret, now, expected) => {
    expect(check(h, b, secret, now)).toEqual(expected);
  });

  it('signs the URI with the characters HubSpot decodes (%40 → @) decoded', () => {
    const decoded = url.replace('%40', '@');
    expect(signV3(SECRET, 'POST', url, body, NOW)).toBe(signV3(SECRET, 'POST', decoded, body, NOW));
  });

  it('accepts v2 only where asked (workflow actions), and never without the version header', () => {
    const v2 = { 'X-HubSpot-Signature': signV2(SECRET, 'POST', url, body), 'X-HubSpot-Signature-Version': 'v2' };
    expect(check(v2, body, SECRET, NOW, true)).toEqual({ ok: true, version: 'v2' });
    expect(check(v2, body, SECRET, NOW, false)).toMatchObject({ ok: false });
    expect(check({ 'X-HubSpot-Signature': v2['X-HubSpot-Signature'] }, body, SECRET, NOW, true)).toMatchObject({ ok: false });
    expect(check(v2, `${body} `, SECRET, NOW, true)).toEqual({ ok: false, why: 'X-HubSpot-Signature (v2) does not match' });
  });
});
