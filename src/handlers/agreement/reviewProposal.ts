import { DateTime } from 'luxon';
import { z } from 'zod';
import { approversInWords, approversOf, decideReview, personByOwnerId, proposalStanding, PROPOSAL_STATUS_LABELS } from '../../domain/index.js';
import { withApprovals } from '../../policy-file/policySource.js';
import type { HandlerContext } from '../handlerContext.js';
import type { ReviewedView } from './agreementViews.js';

export type { ReviewedView };
import { handler } from '../handler.js';
import { HandlerError, parseInput } from '../handlerError.js';
import { activeOf, proposalOf } from './storedAgreement.js';

export const ReviewProposalInput = z.strictObject({
  /** Who is reviewing (from the signed request, never the body). */
  viewerOwnerId: z.string().optional(),
  proposalId: z.coerce.number().int().positive(),
  decision: z.enum(['approve', 'request-changes']),
  comment: z.string().max(2000).optional(),
});


/**
 * An approver approves a proposal, or asks for changes with a comment, as the signed-in HubSpot
 * user. Fetched, decided (decideReview) and written under the agreement's lock, so two approvers
 * approving at once activate it once; the last approval activates it in the same transaction.
 */
export const reviewProposal = handler(async (ctx: HandlerContext, raw: unknown): Promise<ReviewedView> => {
  const input = parseInput(ReviewProposalInput, raw);
  const now = ctx.now();
  const result = await ctx.ledger.agreement.locked(async (tx) => {
    const stored = await tx.proposal(input.proposalId);
    if (!stored) throw new HandlerError('NOT_FOUND', `proposalId: no proposal ${input.proposalId} in this portal's ledger`);
    const activeStored = await tx.active();
    if (!activeStored) throw new HandlerError('CONFLICT', 'no policy version is active in this ledger yet');
    const active = activeOf(activeStored);
    const approvers = approversOf(active.policy);
    const proposal = proposalOf(stored);
    const viewer = personByOwnerId(active.policy, input.viewerOwnerId);
    const decided = decideReview({ proposal, active, approvers, viewer }, { decision: input.decision, comment: input.comment }, now, DateTime.fromJSDate(now, { zone: ctx.portal.timeZone }).toISODate()!);
    await tx.review(proposal.id, decided.review);
    if (decided.activate) {
      await tx.activate({ version: proposal.version, source: withApprovals(stored.source, decided.activate.approvals), policy: decided.activate, how: 'proposal', by: approversInWords(approvers), proposalId: proposal.id }, now);
      await tx.setProposalState(proposal.id, 'activated');
      return { proposal: { ...proposal, state: 'activated' as const }, active, approvers, activated: true };
    }
    return { proposal: { ...proposal, reviews: [...proposal.reviews, decided.review] }, active, approvers, activated: false };
  });
  if (result.activated) await ctx.policyChanged?.();
  const standing = proposalStanding(result.proposal, result.active, result.approvers);
  return { proposalId: result.proposal.id, version: result.proposal.version, status: PROPOSAL_STATUS_LABELS[standing.status], why: result.activated ? `Version ${result.proposal.version} is active: every Handoff server uses it from now, and every handoff after is stamped with it.` : standing.why, activated: result.activated };
});
