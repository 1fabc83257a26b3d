import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordOutcome } from '../../src/handlers/recordOutcome.js';
import { loadPolicyFile } from '../../src/policy-file/loadPolicyFile.js';
import { hubspotSignedHeaders } from '../../src/server/signature.js';
import { useFakeHubSpot } from '../support/fakeHubSpotHarness.js';
import { routedCorkLead } from '../support/handoffPortal.js';
import { actionRequest, asUser, handoffServer, SECRET } from '../support/handoffServer.js';
import { parsedPolicyWith } from '../support/policyFixtures.js';
import { propertiesOf, timeline } from '../support/handoffTimeline.js';

// The rows of docs/bad-input.md: each bad input, the answer the caller sees, and the proof that
// nothing changed (no HubSpot write of any kind, the contact's properties as they were).
const hub = useFakeHubSpot();
const WRITES = /^(POST|PATCH|PUT|DELETE) /;

async function routedLead() {
  const s = await handoffServer(hub);
  const { contactId, owner, colleague: other } = await routedCorkLead(hub, s.ctx);
  hub.fake.calls.reset();
  return { ...s, contactId, owner, other, before: propertiesOf(hub.fake, contactId) };
}

/** Nothing written to HubSpot, and the contact exactly as it was. */
function unchanged(contactId: string, before: Record<string, string>) {
  expect(hub.fake.calls.list().filter((c) => WRITES.test(c.route) && !c.route.endsWith('/search'))).toEqual([]);
  expect(propertiesOf(hub.fake, contactId)).toEqual(before);
}

describe('bad input: a clear answer naming the field and value, and nothing changed', () => {
  it('malformed JSON → 400 INVALID_INPUT', async () => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, '{"contactId": 1001, "action": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^body is not JSON: /) } });
    unchanged(contactId, before);
  });

  it.each([
    ['a contact id that is not a record id', { contactId: 'abc', action: 'accept' }, 'contactId: a HubSpot record id is digits only (got "abc")'],
    ['an action that does not exist', { contactId: '1', action: 'approve' }, `action: Invalid discriminator value. Expected 'accept' | 'reject' | 'recycle' | 'convert' (got "approve")`],
    ['a version that is not a number', { contactId: '1', action: 'accept', expectedVersion: 'two' }, 'expectedVersion'],
    ['a field nobody asked for', { contactId: '1', action: 'accept', ownerId: '101' }, 'Unrecognized key: "ownerId"'],
  ])('wrong types (%s) → 400 INVALID_INPUT naming the field', async (_name, body, message) => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, { ...body, ...(body.contactId === '1' ? { contactId } : {}) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', retryable: false, message: expect.stringContaining(message) } });
    unchanged(contactId, before);
  });

  it('an unknown contact → 404 NOT_FOUND naming it', async () => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId: '987654', action: 'accept' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('contact 987654') } });
    unchanged(contactId, before);
  });

  it("an unknown rejection reason → 400 INVALID_INPUT listing the policy's reasons", async () => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'reject', reasonCode: 'too-busy' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('rejection reason "too-busy" is not in the policy\'s list (not-a-fit, no-budget') } });
    unchanged(contactId, before);
  });

  it('a rep rejecting a lead they do not own → 403 FORBIDDEN naming the owner', async () => {
    const { post, contactId, owner, other, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(other.email!)}`, { contactId, action: 'reject', reasonCode: 'no-budget' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: `only the lead's owner (${owner.name}) or their manager can reject this lead` } });
    unchanged(contactId, before);
  });

  it('an action on a recycled handoff → the rep gets 403 (it is marketing\'s now); a workflow step fails with ILLEGAL_TRANSITION', async () => {
    const { post, ctx, contactId, owner } = await routedLead();
    await recordOutcome(ctx, { contactId, actor: { kind: 'workflow', id: 'wf' }, action: 'recycle', reasonCode: 'nurture' });
    const before = propertiesOf(hub.fake, contactId);
    hub.fake.calls.reset();
    const rep = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept' });
    expect(rep.status).toBe(403);
    expect(await rep.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: "only the lead's owner (Gráinne Walsh) or their manager can accept this lead" } });
    const step = await post('/hubspot/actions/record-outcome', actionRequest(contactId, { outcome: 'accept' }, 'exec-late'));
    expect(step.status).toBe(200);
    expect(await step.json()).toEqual({ outputFields: { hs_execution_state: 'FAIL_CONTINUE', error_code: 'ILLEGAL_TRANSITION', error_message: 'cannot accept a handoff that is recycled (allowed from: routed)' } });
    unchanged(contactId, before);
  });

  it('a huge payload → 413 before it is read', async () => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'recycle', reasonCode: 'nurture', note: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: 'request body is larger than 65536 bytes' } });
    unchanged(contactId, before);
  });

  it.each([
    ['missing', () => ({})],
    ['stale (6 minutes old)', (url: string, text: string) => hubspotSignedHeaders(SECRET, 'POST', url, text, hub.now().getTime() - 6 * 60_000)],
  ])('a %s signature → 401 UNAUTHORIZED', async (_name, headers) => {
    const { post, contactId, owner, before } = await routedLead();
    const res = await post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept' }, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(hub.fake.calls.count()).toBe(0); // not even a read
    unchanged(contactId, before);
  });

  it('a policy file with errors is refused whole, each error naming its path and value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-policy-'));
    const file = join(dir, 'handoff.policy.yaml');
    writeFileSync(file, 'version: "2026.12.1"\nname: Broken\nsla:\n  atRiskPercent: 150\n');
    const loaded = loadPolicyFile(file);
    expect(loaded.ok).toBe(false);
    const messages = JSON.stringify(loaded.ok ? [] : loaded.error);
    expect(messages).toContain('sla.atRiskPercent');
    expect(messages).toContain('150');
  });

  it('a policy version change mid-handoff: the handoff keeps the version it was routed under; an action the new policy no longer allows is refused; the rest are stamped with the new version', async () => {
    const { contactId, owner } = await routedLead();
    expect(propertiesOf(hub.fake, contactId).handoff_policy_version).toBe('2026.12.2');
    const next = parsedPolicyWith((p) => {
      p.version = '2026.12.3';
      p.rejectionReasons = p.rejectionReasons.filter((r: { code: string }) => r.code !== 'no-budget');
      delete p.hubspot.leadPipeline.disqualificationReasons.NO_BUDGET; // a retired reason leaves the Leads mapping too
    });
    const s = await handoffServer(hub, { policy: next });
    const before = propertiesOf(hub.fake, contactId);
    hub.fake.calls.reset();
    const refused = await s.post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'reject', reasonCode: 'no-budget' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('rejection reason "no-budget" is not in the policy\'s list') } });
    unchanged(contactId, before);
    const accepted = await s.post(`/api/cards/outcome${asUser(owner.email!)}`, { contactId, action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(propertiesOf(hub.fake, contactId).handoff_policy_version).toBe('2026.12.2');
    expect(timeline(hub.fake, contactId).map((e) => [e.event, e.policyVersion])).toEqual([['route', '2026.12.2'], ['accept', '2026.12.3']]);
  });
});
