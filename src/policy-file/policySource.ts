import { parseDocument, stringify, type YAMLSeq } from 'yaml';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import { issueToString } from '../domain/policy/policyIssues.js';
import { parsePolicyText } from './loadPolicyFile.js';

/** A policy given as an object (tests, tools) written as YAML, so the ledger keeps every version as text. */
export function policyAsYaml(policy: HandoffPolicy): string {
  return stringify(policy, { lineWidth: 0 });
}

/**
 * The policy's text with its approvals replaced by `approvals` (each on one line, as the example
 * policies write them), its comments and layout kept: what an activation stores, and what
 * `handoff policy export` writes back for version control.
 */
export function withApprovals(source: string, approvals: HandoffPolicy['approvals']): string {
  const doc = parseDocument(source);
  const node = doc.createNode(approvals.map((a) => ({ ...a }))) as YAMLSeq;
  for (const item of node.items) (item as { flow?: boolean }).flow = true;
  doc.set('approvals', node);
  return doc.toString({ lineWidth: 0 });
}

/** A stored policy's text, parsed as a file would be; a text this version of Handoff cannot read is an error naming each issue. */
export function policyOfSource(source: string, what: string): HandoffPolicy {
  const parsed = parsePolicyText(source, 'policy.yaml');
  if (parsed.ok) return parsed.value;
  throw new Error(`${what} cannot be read by this version of Handoff: ${parsed.error.map(issueToString).join('; ')}`);
}
