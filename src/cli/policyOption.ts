import { resolve } from 'node:path';
import type { HandoffPolicy } from '../domain/policy/policy.schema.js';
import { issueToString } from '../domain/policy/policyIssues.js';
import { loadPolicyFile } from '../policy-file/loadPolicyFile.js';
import { CliExit, type CliIO } from './io.js';

/** The policy named by `--policy`, or every issue with its path on stderr and exit 1. */
export function loadPolicyOrExit(file: string, io: CliIO): HandoffPolicy {
  const policy = loadPolicyFile(resolve(io.cwd, file));
  if (policy.ok) return policy.value;
  for (const issue of policy.error) io.err(`${file}: ${issueToString(issue)}`);
  throw new CliExit(1);
}
