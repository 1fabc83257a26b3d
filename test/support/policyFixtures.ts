import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/domain/policy/parsePolicy.js';
import type { HandoffPolicy } from '../../src/domain/policy/policy.schema.js';

export const ROOT = join(__dirname, '..', '..');
export const DEFAULT_POLICY_PATH = join(ROOT, 'handoff.policy.yaml');

/** The default policy as raw data (what YAML gives), for mutation in malformed-policy tests. */
export function rawDefaultPolicy(): Record<string, unknown> {
  return parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, unknown>;
}

/** The default policy, parsed and typed. */
export function defaultPolicy(): HandoffPolicy {
  const r = parsePolicy(rawDefaultPolicy());
  if (!r.ok) throw new Error(`default policy is invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A raw policy with one change applied to a deep copy: `policyWith(p => { p.teams[0].id = 'x' })`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function policyWith(change: (p: any) => void): Record<string, unknown> {
  const p = structuredClone(rawDefaultPolicy());
  change(p);
  return p;
}

/** A typed policy built from the default with a change, for tests that need a variant. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parsedPolicyWith(change: (p: any) => void): HandoffPolicy {
  const r = parsePolicy(policyWith(change));
  if (!r.ok) throw new Error(`policy variant is invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}
