import type { PolicyEvidence } from '../handlers/policyEvidence.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_policy_evidence": the policy page's evidence (which criteria go with acceptance). */
export const main = forwardToServer<PolicyEvidence>('policy-evidence');
