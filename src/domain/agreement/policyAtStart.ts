import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { ActiveVersion } from './proposal.js';

/** Key order does not matter (the ledger's JSON keeps none): two policies are the same when their sorted JSON is. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/**
 * The same policy, whoever signed it: approvals are stamped on activation and do not change what
 * runs. With `ignoreVersion`, the same rules under another number (a proposal with nothing to approve).
 */
export function samePolicy(a: HandoffPolicy, b: HandoffPolicy, options: { ignoreVersion?: boolean } = {}): boolean {
  const plain = (p: HandoffPolicy) => canonical({ ...p, approvals: [], ...(options.ignoreVersion ? { version: '' } : {}) });
  return plain(a) === plain(b);
}

export type PolicyAtStart =
  | { run: 'file'; activate: true; why: string }
  /** `differs`: the file is not what runs (the server says so, as a warning). */
  | { run: 'ledger'; activate: false; differs: boolean; why: string };

/**
 * Which policy a server runs when it starts with a file: the ledger's active version is what every
 * instance shares. A ledger with none, or whose version came from a file too, takes the file (a
 * deploy); a version the approvers activated in HubSpot is never replaced by a file: the file's
 * version must be proposed and approved like any other change.
 */
export function policyAtStart(file: HandoffPolicy, fileName: string, active: ActiveVersion | undefined): PolicyAtStart {
  if (!active) return { run: 'file', activate: true, why: `the ledger had no active version: ${fileName} (version ${file.version}) is now the active version` };
  if (samePolicy(file, active.policy)) return { run: 'ledger', activate: false, differs: false, why: `${fileName} is the active version ${active.version}` };
  if (active.how === 'file') {
    return { run: 'file', activate: true, why: `${fileName} (version ${file.version}) replaces version ${active.version}, which a server started with from a file too` };
  }
  return {
    run: 'ledger',
    activate: false,
    differs: true,
    why: `runs version ${active.version}, approved by ${active.by} in HubSpot; ${fileName} (version ${file.version}) differs from it and is not active. To make it active, propose it (handoff propose ${fileName}) for its approvers, or export the active version (handoff policy export) into your repository`,
  };
}
