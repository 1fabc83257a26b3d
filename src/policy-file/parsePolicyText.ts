import { parseDocument } from 'yaml';
import { parsePolicy } from '../domain/policy/parsePolicy.js';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import type { PolicyIssue } from '../domain/policy/policyIssues.js';
import { err, type Result } from '../domain/result.js';

export const DEFAULT_POLICY_FILE = 'handoff.policy.yaml';

/** Parse policy text (YAML, or JSON, which is YAML too) into a typed policy or its issues. */
export function parsePolicyText(text: string, fileName = DEFAULT_POLICY_FILE): Result<HandoffPolicy, PolicyIssue[]> {
  if (/\.json$/i.test(fileName)) {
    try {
      return parsePolicy(JSON.parse(text));
    } catch (e) {
      return err([{ path: '(file)', message: `${fileName} is not valid JSON: ${(e as Error).message}`, value: undefined }]);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => ({
        path: '(file)',
        message: `${fileName} line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`,
        value: undefined,
      })),
    );
  }
  return parsePolicy(doc.toJS());
}

