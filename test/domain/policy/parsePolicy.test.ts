import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../../src/domain/policy/parsePolicy.js';
import { issueToString } from '../../../src/domain/policy/policyIssues.js';
import { parsePolicyText } from '../../../src/policy-file/loadPolicyFile.js';
import { MALFORMED_POLICIES } from '../../fixtures/malformedPolicies.js';
import { DEFAULT_POLICY_PATH, ROOT, rawDefaultPolicy } from '../../support/policyFixtures.js';

describe('the default policy', () => {
  it('validates and keeps what the author wrote', () => {
    const r = parsePolicy(rawDefaultPolicy());
    if (!r.ok) throw new Error(r.error.map(issueToString).join('\n'));
    const p = r.value;
    expect(p.version).toBe('2026.12.2');
    expect(p.teams.map((t) => t.id)).toEqual(['ie-sales', 'uk-sales', 'enterprise']);
    expect(p.teams[0]?.workingHours.mon).toEqual({ open: 9 * 60, close: 17 * 60 + 30, text: '09:00-17:30' });
    expect(p.teams[0]?.workingHours.sat).toBeUndefined();
    expect(p.escalation.steps.map((s) => s.at)).toEqual([
      { kind: 'percent', percent: 75, text: '75%' },
      { kind: 'breach', text: 'breach' },
      { kind: 'after_breach', businessHours: 4, text: 'breach + 4h' },
      { kind: 'stuck', text: 'stuck' },
    ]);
    expect(p.people.find((x) => x.id === 'aoife')?.weight).toBe(1);
    expect(p.routing.fallback.owner).toBe('siobhan');
  });
});

describe('malformed policies name the path and the value', () => {
  it(`has at least 15 fixtures`, () => expect(MALFORMED_POLICIES.length).toBeGreaterThanOrEqual(15));

  it.each(MALFORMED_POLICIES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const r = parsePolicy(fixture.policy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.map(issueToString);
    if (typeof fixture.expect === 'string') expect(lines).toContain(fixture.expect);
    else expect(lines.some((l) => (fixture.expect as RegExp).test(l))).toBe(true);
  });
});

describe('policy files', () => {
  it('reports a YAML syntax error with its line', () => {
    const r = parsePolicyText(readFileSync(join(ROOT, 'test/fixtures/policies/syntax-error.yaml'), 'utf8'), 'syntax-error.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.message).toMatch(/^syntax-error\.yaml line 5: Sequence item without - indicator/);
  });

  it('rejects a key written twice rather than silently keeping the last', () => {
    const r = parsePolicyText('version: "1"\nversion: "2"\n', 'dup.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]?.message).toMatch(/dup\.yaml line 2: Map keys must be unique/);
  });

  it('reads JSON policies too', () => {
    const r = parsePolicyText(JSON.stringify(rawDefaultPolicy()), 'policy.json');
    expect(r.ok).toBe(true);
    expect(parsePolicyText('{ nope', 'policy.json')).toMatchObject({ ok: false, error: [{ message: expect.stringMatching(/^policy\.json is not valid JSON/) }] });
  });

  it('the committed default is the file the tests read', () => {
    expect(readFileSync(DEFAULT_POLICY_PATH, 'utf8')).toMatch(/^# Handoff policy/);
  });
});
