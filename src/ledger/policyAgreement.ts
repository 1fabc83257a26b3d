import type { ActiveVersion, AvailabilityChange, AvailabilitySetting, Proposal, Review } from '../domain/index.js';

// The port to the agreement's storage: policy activations, proposals with their reviews, and
// availability set in HubSpot. Policies are kept as their YAML text; the handlers parse them.

/** An activation as stored: the domain's, with the policy's text (its validated JSON is `policy`). */
export type StoredActivation = ActiveVersion & { source: string };

/** A proposal as stored: the domain's, with the proposed policy's text. */
export type StoredProposal = Proposal & { source: string };

export type NewActivation = Omit<StoredActivation, 'id' | 'activatedAt'>;

/** Reads and writes under the agreement's lock, which every instance on the database takes: fetch, decide, write once. */
export interface AgreementTx {
  active(): Promise<StoredActivation | undefined>;
  proposal(id: number): Promise<StoredProposal | undefined>;
  activate(activation: NewActivation, at: Date): Promise<StoredActivation>;
  /** Records a proposal on top of `basedOn`; an open proposal of the same version is withdrawn (the new one replaces it). */
  propose(proposal: Omit<StoredProposal, 'id' | 'proposedAt' | 'state' | 'reviews'>, at: Date): Promise<StoredProposal>;
  review(proposalId: number, review: Review): Promise<void>;
  setProposalState(proposalId: number, state: StoredProposal['state']): Promise<void>;
}

export interface PolicyAgreementLedger {
  /** Runs `work` holding the agreement's lock (a transaction-scoped advisory lock on PostgreSQL). */
  locked<T>(work: (tx: AgreementTx) => Promise<T>): Promise<T>;
  active(): Promise<StoredActivation | undefined>;
  activations(limit: number): Promise<StoredActivation[]>;
  proposals(limit: number): Promise<StoredProposal[]>;
  /** What an instance polls to know whether it must reload: the newest activation and availability change. */
  stamp(): Promise<string>;
  /** Availability in force or to come (not cleared), oldest first. */
  availability(): Promise<AvailabilitySetting[]>;
  setAvailability(personId: string, change: AvailabilityChange, setBy: { personId: string; name: string }, at: Date): Promise<AvailabilitySetting>;
  /** Clears a setting; resolves to the cleared one, or undefined when there was none in force with that id. */
  clearAvailability(id: number, by: string, at: Date): Promise<AvailabilitySetting | undefined>;
}
