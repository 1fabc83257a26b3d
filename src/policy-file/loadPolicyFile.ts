import { readFileSync } from 'node:fs';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import type { PolicyIssue } from '../domain/policy/policyIssues.js';
import { err, type Result } from '../domain/result.js';
import { DEFAULT_POLICY_FILE, parsePolicyText } from './parsePolicyText.js';

export { DEFAULT_POLICY_FILE, parsePolicyText };

/** A policy file read and parsed; a file that cannot be read is an issue naming it. */
export function loadPolicyFile(file: string): Result<HandoffPolicy, PolicyIssue[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err([{ path: '(file)', message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, value: file }]);
  }
  return parsePolicyText(text, file);
}
