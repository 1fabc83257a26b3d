import type { ActiveVersion, Proposal } from '../../domain/index.js';
import type { StoredActivation, StoredProposal } from '../../ledger/policyAgreement.js';
import { storedPolicy } from '../../policy-file/policySource.js';

/** An activation as the domain reads it: its policy parsed from the text the ledger keeps. */
export function activeOf(stored: StoredActivation): ActiveVersion {
  return {
    id: stored.id,
    version: stored.version,
    policy: storedPolicy(stored.source, stored.policy),
    activatedAt: stored.activatedAt,
    how: stored.how,
    by: stored.by,
    ...(stored.proposalId !== undefined ? { proposalId: stored.proposalId } : {}),
  };
}

export function proposalOf(stored: StoredProposal): Proposal {
  return {
    id: stored.id,
    version: stored.version,
    name: stored.name,
    policy: storedPolicy(stored.source, stored.policy),
    basedOn: stored.basedOn,
    proposedBy: stored.proposedBy,
    proposedAt: stored.proposedAt,
    state: stored.state,
    reviews: stored.reviews,
  };
}
