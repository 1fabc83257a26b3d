import { z } from 'zod';
import { approversInWords, approversOf, policyChanges, policyInWords, samePolicy } from '../../domain/index.js';
import { issueToString } from '../../domain/policy/policyIssues.js';
import { parsePolicyText } from '../../policy-file/parsePolicyText.js';
import type { HandlerContext } from '../handlerContext.js';
import type { ProposedView } from './agreementViews.js';

export type { ProposedView };
import { handler } from '../handler.js';
import { HandlerError, parseInput } from '../handlerError.js';
import { activeOf } from './storedAgreement.js';

export const ProposePolicyInput = z.strictObject({
  /** The proposed policy's text (YAML or JSON), as a file holds it. */
  source: z.string().min(1, { error: 'the proposed policy is empty' }),
  /** Its file's name, for messages (a .json name reads it as JSON). */
  fileName: z.string().default('proposed.policy.yaml'),
  /** Who proposes it, in words (the CLI's --by; marketing ops, usually). */
  proposedBy: z.string().trim().min(1).default('handoff propose'),
});


/**
 * `handoff propose FILE`: a new version stored as a proposal on top of the active one, for the
 * approvers the active version names. Refused with every issue when it is not a valid policy, and
 * when it would change nothing or reuse the active version's number.
 */
export const proposePolicy = handler(async (ctx: Pick<HandlerContext, 'ledger' | 'now'>, raw: unknown): Promise<ProposedView> => {
  const input = parseInput(ProposePolicyInput, raw);
  const parsed = parsePolicyText(input.source, input.fileName);
  if (!parsed.ok) throw new HandlerError('INVALID_INPUT', `${input.fileName} is not a valid policy (${parsed.error.length} error${parsed.error.length === 1 ? '' : 's'}): ${parsed.error.map(issueToString).join('; ')}`, { issues: parsed.error.map(issueToString) });
  const proposed = parsed.value;
  const now = ctx.now();
  return ctx.ledger.agreement.locked(async (tx) => {
    const stored = await tx.active();
    if (!stored) throw new HandlerError('CONFLICT', 'no policy version is active in this ledger yet: start the Handoff server once with its policy file, then propose changes to it');
    const active = activeOf(stored);
    if (proposed.version === active.version) throw new HandlerError('INVALID_INPUT', `version: ${JSON.stringify(proposed.version)} is the active version's number; a proposal needs a new one (every handoff is stamped with it)`);
    if (samePolicy(proposed, active.policy, { ignoreVersion: true })) throw new HandlerError('INVALID_INPUT', `${input.fileName} changes nothing but its version and approvals against the active version ${active.version}: there is nothing to approve`);
    const approvers = approversOf(active.policy);
    if (!approvers.length) throw new HandlerError('CONFLICT', `the active version ${active.version} names no approvers (its "approvals" name nobody in its people), so nobody could approve a change inside HubSpot: deploy this version from its file instead`);
    const proposal = await tx.propose({ version: proposed.version, name: proposed.name, source: input.source, policy: proposed, basedOn: { id: active.id, version: active.version }, proposedBy: input.proposedBy }, now);
    return {
      id: proposal.id,
      version: proposal.version,
      name: proposal.name,
      basedOn: active.version,
      changes: policyChanges(policyInWords(active.policy), policyInWords(proposed)),
      approvers,
      next: `Proposed on top of ${active.version}. ${approversInWords(approvers)} approve it on the "Handoff policy" page in HubSpot; it becomes active on every Handoff server when the last of them approves.`,
    };
  });
});
