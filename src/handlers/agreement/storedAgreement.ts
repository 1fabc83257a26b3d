import type { ActiveVersion, Proposal } from '../../domain/index.js';
import type { StoredActivation, StoredProposal } from '../../ledger/policyAgreement.js';
import { storedPolicy } from '../../policy-file/policySource.js';

/** An activation as the domain reads it: its policy parsed from the text the ledger keeps (storedPolicy). */
export function activeOf(stored: StoredActivation): ActiveVersion {
  return { ...stored, policy: storedPolicy(stored.source, stored.policy) };
}

export function proposalOf(stored: StoredProposal): Proposal {
  return { ...stored, policy: storedPolicy(stored.source, stored.policy) };
}
