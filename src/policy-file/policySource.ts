import { parseDocument, stringify, type YAMLSeq } from 'yaml';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import { parsePolicyText } from './parsePolicyText.js';

/**
 * A policy given as an object (tests, tools), written as YAML so the ledger keeps every version as
 * text; parsed values (working hours, escalation triggers) stay in their parsed form, so this text
 * is a record of what ran, not a file to edit.
 */
export function policyAsYaml(policy: HandoffPolicy): string {
  return `# Given to the server as a parsed policy, not a file: a record of what ran.\n${stringify(policy, { lineWidth: 0 })}`;
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

/**
 * A stored policy: its text parsed as a file would be (so a later version of Handoff reads it with
 * its own defaults), or, when the text is not a policy file (one given as an object and written
 * out), the validated policy stored beside it.
 */
export function storedPolicy(source: string, validated: HandoffPolicy): HandoffPolicy {
  const parsed = parsePolicyText(source, 'policy.yaml');
  return parsed.ok ? parsed.value : validated;
}
