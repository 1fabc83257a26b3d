import type { ReviewedView } from '../handlers/agreement/agreementViews.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_policy_review": an approver approves a proposal or asks for changes, as the signed-in user. */
export const main = forwardToServer<ReviewedView>('policy-review');
