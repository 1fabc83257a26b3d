import type { HandoffPolicy } from '../policy/policy.schema.js';
import { approversInWords, type Approver } from './approvers.js';

/** The version every instance runs: one row of the ledger's activations, the newest. */
export interface ActiveVersion {
  /** The activation's sequence number: a proposal made on another is stale. */
  id: number;
  version: string;
  policy: HandoffPolicy;
  activatedAt: Date;
  /** How it became active: the policy file a server started with, or a proposal its approvers approved. */
  how: 'file' | 'proposal';
  /** Who approved it (a proposal), in words; the file's name (a file). */
  by: string;
  proposalId?: number;
}

export type ReviewDecision = 'approve' | 'request-changes';

export interface Review {
  personId: string;
  name: string;
  decision: ReviewDecision;
  comment?: string;
  at: Date;
}

export interface Proposal {
  id: number;
  version: string;
  name: string;
  policy: HandoffPolicy;
  /** The activation it was proposed on top of. */
  basedOn: { id: number; version: string };
  proposedBy: string;
  proposedAt: Date;
  /** open: waiting on approvers; activated; withdrawn (by its proposer, or replaced by a proposal of the same version). */
  state: 'open' | 'activated' | 'withdrawn';
  reviews: Review[];
}

export type ProposalStatus = 'waiting' | 'changes-requested' | 'stale' | 'activated' | 'withdrawn';

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  waiting: 'Waiting for approval',
  'changes-requested': 'Changes asked for',
  stale: 'Stale: made on an older version',
  activated: 'Active',
  withdrawn: 'Withdrawn',
};

export interface ProposalStanding {
  status: ProposalStatus;
  approvedBy: { approver: Approver; at: Date }[];
  waitingOn: Approver[];
  changesAskedBy: { approver: Approver; comment: string; at: Date }[];
  /** What it means, in words. */
  why: string;
}

/** Each approver's latest review counts (an approver who asked for changes may approve later, and the other way round). */
function latestReviews(reviews: readonly Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const r of [...reviews].sort((a, b) => a.at.getTime() - b.at.getTime())) latest.set(r.personId, r);
  return latest;
}

/** Where a proposal stands against the active version and the approvers the active version names. */
export function proposalStanding(proposal: Proposal, active: Pick<ActiveVersion, 'id' | 'version'>, approvers: readonly Approver[]): ProposalStanding {
  const latest = latestReviews(proposal.reviews);
  const approvedBy = approvers.flatMap((a) => {
    const r = latest.get(a.personId);
    return r?.decision === 'approve' ? [{ approver: a, at: r.at }] : [];
  });
  const changesAskedBy = approvers.flatMap((a) => {
    const r = latest.get(a.personId);
    return r?.decision === 'request-changes' ? [{ approver: a, comment: r.comment ?? '', at: r.at }] : [];
  });
  const waitingOn = approvers.filter((a) => latest.get(a.personId)?.decision !== 'approve');
  const base = { approvedBy, waitingOn, changesAskedBy };
  if (proposal.state === 'activated') return { ...base, status: 'activated', why: `Approved by ${approversInWords(approvedBy.map((a) => a.approver))}; active since it was approved.` };
  if (proposal.state === 'withdrawn') return { ...base, status: 'withdrawn', why: 'Withdrawn: it will not become active.' };
  if (proposal.basedOn.id !== active.id) {
    return { ...base, status: 'stale', why: `Proposed on version ${proposal.basedOn.version}, but ${active.version} is active now: it cannot be activated. Propose it again on top of ${active.version}, so the approvers see the change against what runs.` };
  }
  if (changesAskedBy.length) return { ...base, status: 'changes-requested', why: `${approversInWords(changesAskedBy.map((c) => c.approver))} asked for changes: propose a new version that answers them.` };
  return { ...base, status: 'waiting', why: waitingOn.length ? `Waiting for ${approversInWords(waitingOn)}.` : 'Approved by everyone it needs.' };
}
