import { err, ok, type Result } from '../result.js';
import { checkCrossReferences } from './crossReferences.js';
import { HandoffPolicySchema, type HandoffPolicy } from './policy.schema.js';
import { fromZodIssues, type PolicyIssue } from './policyIssues.js';

/**
 * Parse, don't trust: an unknown value (from YAML, JSON, a request) becomes a typed
 * HandoffPolicy, or every problem with its path and the value found there.
 */
export function parsePolicy(input: unknown): Result<HandoffPolicy, PolicyIssue[]> {
  const parsed = HandoffPolicySchema.safeParse(input);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues, input));
  const crossRefIssues = checkCrossReferences(parsed.data);
  if (crossRefIssues.length > 0) return err(crossRefIssues);
  return ok(parsed.data);
}
