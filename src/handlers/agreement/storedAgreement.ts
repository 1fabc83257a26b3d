import type { ActiveVersion, Proposal } from '../../domain/index.js';
import type { StoredActivation, StoredProposal } from '../../ledger/policyAgreement.js';
import { policyOfSource } from '../../policy-file/policySource.js';

/** An activation as the domain reads it: its policy parsed from the text the ledger keeps. */
export function activeOf(stored: StoredActivation): ActiveVersion {
  return {
    id: stored.id,
    version: stored.version,
    policy: policyOfSource(stored.source, `the active policy version ${stored.version}`),
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
    policy: policyOfSource(stored.source, `the proposal of version ${stored.version}`),
    basedOn: stored.basedOn,
    proposedBy: stored.proposedBy,
    proposedAt: stored.proposedAt,
    state: stored.state,
    reviews: stored.reviews,
  };
}
