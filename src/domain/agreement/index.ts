export { approversOf, approversInWords, personOfApproval, type Approver } from './approvers.js';
export { proposalStanding, PROPOSAL_STATUS_LABELS, type ActiveVersion, type Proposal, type ProposalStanding, type ProposalStatus, type Review, type ReviewDecision } from './proposal.js';
export { decideReview, mayReview, type ReviewDecided } from './decideReview.js';
export { policyAtStart, samePolicy, type PolicyAtStart } from './policyAtStart.js';
export { availabilityInWords, availabilityTheyMaySet, maySetAvailability, withAvailability, type AvailabilityChange, type AvailabilitySetting } from './availabilitySettings.js';
