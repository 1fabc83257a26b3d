import { DomainError } from '../errors.js';
import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { approversInWords, personOfApproval, type Approver } from './approvers.js';
import { proposalStanding, type ActiveVersion, type Proposal, type Review, type ReviewDecision } from './proposal.js';

/** Whether this person may review the proposal now, and why not: the one rule the page and the decision read. */
export function mayReview(proposal: Proposal, active: Pick<ActiveVersion, 'id' | 'version'>, approvers: readonly Approver[], viewer: Person | undefined): { may: true; as: Approver } | { may: false; why: string; code: 'NOT_AN_APPROVER' | 'STALE_PROPOSAL' } {
  const as = viewer ? approvers.find((a) => a.personId === viewer.id) : undefined;
  if (!as) {
    const who = viewer ? `${viewer.name} is` : 'You are';
    return { may: false, code: 'NOT_AN_APPROVER', why: `${who} not an approver: only ${approversInWords(approvers)} approve changes to the policy. You can read it, its evidence and its preview.` };
  }
  const standing = proposalStanding(proposal, active, approvers);
  if (standing.status === 'stale' || standing.status === 'activated' || standing.status === 'withdrawn') return { may: false, code: 'STALE_PROPOSAL', why: standing.why };
  return { may: true, as };
}

export interface ReviewDecided {
  review: Review;
  /** Every approver has approved: the version to activate, its approvals stamped with who, when and which version. */
  activate?: HandoffPolicy;
}

/**
 * An approver's review of a proposal: recorded, and when it is the last approval the proposal
 * needs, the policy to activate. A reviewer the active version does not name, and a proposal made
 * on an older active version, are refused with why.
 */
export function decideReview(
  snapshot: { proposal: Proposal; active: Pick<ActiveVersion, 'id' | 'version'>; approvers: readonly Approver[]; viewer: Person | undefined },
  input: { decision: ReviewDecision; comment?: string | undefined },
  now: Date,
  today: string,
): ReviewDecided {
  const may = mayReview(snapshot.proposal, snapshot.active, snapshot.approvers, snapshot.viewer);
  if (!may.may) throw new DomainError(may.code, may.why, { proposalId: snapshot.proposal.id });
  const comment = input.comment?.trim();
  if (input.decision === 'request-changes' && !comment) throw new DomainError('INVALID_INPUT', 'comment: asking for changes needs a comment saying which (got nothing)', { field: 'comment' });
  const review: Review = { personId: may.as.personId, name: may.as.name, decision: input.decision, ...(comment ? { comment } : {}), at: now };
  const after = proposalStanding({ ...snapshot.proposal, reviews: [...snapshot.proposal.reviews, review] }, snapshot.active, snapshot.approvers);
  if (after.status !== 'waiting' || after.waitingOn.length) return { review };
  return { review, activate: withApprovals(snapshot.proposal.policy, after.approvedBy.map((a) => a.approver), today) };
}

/** The proposal's own approvals, each one its approvers gave stamped with today's date and the version. */
function withApprovals(policy: HandoffPolicy, approvedBy: readonly Approver[], today: string): HandoffPolicy {
  const approved = new Set(approvedBy.map((a) => a.personId));
  return {
    ...policy,
    approvals: policy.approvals.map((a) => {
      const person = personOfApproval(policy, a);
      return person && approved.has(person.id) ? { ...a, date: today, version: policy.version } : a;
    }),
  };
}
