import type { z } from 'zod';

/** One problem in a policy file: where it is, what is wrong, and the value that was there. */
export interface PolicyIssue {
  path: string;
  message: string;
  value: unknown;
}

export type PathSegment = string | number | symbol;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PathSegment, unknown>)[seg as string];
  }
  return cur;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `routing.rules[2].team: "emea" is not a team in teams[]` */
export function issueToString(issue: PolicyIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Turn zod's issues into PolicyIssues that name the path and the value found there. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], input: unknown): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const wrapped of issues) {
    const issue = unwrap(wrapped);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const value = valueAt(input, path);
        out.push({ path: formatPath(path), message: `unknown key ${JSON.stringify(key)} (value ${formatValue(value)}); check the spelling against the policy reference`, value });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    const message =
      value === undefined && issue.code === 'invalid_type' ? 'is required' : `${describe(issue)} (got ${formatValue(value)})`;
    out.push({ path: formatPath(issue.path), message, value });
  }
  return dedupe(out);
}

/** Issues re-raised from a nested parse keep the original under params.original. */
function unwrap(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const original = issue.code === 'custom' ? (issue.params as { original?: z.core.$ZodIssue } | undefined)?.original : undefined;
  return original ? { ...original, path: issue.path } : issue;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${issue.values.map((o) => JSON.stringify(o)).join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function dedupe(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = issueToString(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
