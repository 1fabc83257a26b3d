import type { Approver, ProposalStatus } from '../../domain/agreement/index.js';

// What the agreement's handlers answer: types only, so the cards and pages import them without the handlers' Node dependencies.

export interface ProposalView {
  id: number;
  version: string;
  name: string;
  proposedBy: string;
  proposedAt: string;
  basedOn: string;
  status: ProposalStatus;
  statusLabel: string;
  why: string;
  changes: string[];
  approvers: { name: string; role: string; state: string; at?: string; comment?: string }[];
  /** Whether the viewer may approve or ask for changes now, and why not. */
  review: { may: true } | { may: false; why: string };
}

export interface PolicyAgreementView {
  /** The active version's text (what `handoff policy export` writes). */
  source?: string;
  active: { version: string; name: string; activatedAt: string; how: string };
  viewer: { name?: string };
  /** Open proposals first, then the most recent others. */
  proposals: ProposalView[];
  /** Every activation, newest first: which version, how it became active, when. */
  history: { version: string; how: string; at: string }[];
  availability: {
    /** The people the viewer may set availability for (themself first). */
    theyMaySet: { id: string; name: string }[];
    settings: { id: number; person: string; what: string; setBy: string; setAt: string; mayClear: boolean }[];
  };
}

export interface ReviewedView {
  proposalId: number;
  version: string;
  status: string;
  why: string;
  /** The version is now active on every instance. */
  activated: boolean;
}

export interface AvailabilitySetView {
  /** What changed, in words, with who set it. */
  said: string;
}

export interface ProposedView {
  id: number;
  version: string;
  name: string;
  basedOn: string;
  changes: string[];
  approvers: Approver[];
  /** In words: what happens next. */
  next: string;
}
