/** The app functions shipped to HubSpot: uid → source entry (bundled by `npm run deploy`). */
export const APP_FUNCTIONS = [
  { uid: 'handoff_state', entry: 'handoffState.ts', file: 'handoff-state.js' },
  { uid: 'handoff_record_outcome', entry: 'recordOutcome.ts', file: 'record-outcome.js' },
  { uid: 'handoff_deal_origin', entry: 'dealOrigin.ts', file: 'deal-origin.js' },
  { uid: 'handoff_health', entry: 'handoffHealth.ts', file: 'handoff-health.js' },
  { uid: 'handoff_policy', entry: 'policyOverview.ts', file: 'handoff-policy.js' },
  { uid: 'handoff_policy_evidence', entry: 'policyEvidence.ts', file: 'handoff-policy-evidence.js' },
  { uid: 'handoff_policy_preview', entry: 'policyPreview.ts', file: 'handoff-policy-preview.js' },
  { uid: 'handoff_policy_agreement', entry: 'policyAgreement.ts', file: 'handoff-policy-agreement.js' },
  { uid: 'handoff_policy_review', entry: 'policyReview.ts', file: 'handoff-policy-review.js' },
  { uid: 'handoff_availability', entry: 'availability.ts', file: 'handoff-availability.js' },
] as const;
