import type { PolicyAgreementView } from '../handlers/agreement/agreementViews.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_policy_agreement": the policy page's proposals, approvers, history and availability. */
export const main = forwardToServer<PolicyAgreementView>('policy-agreement');
