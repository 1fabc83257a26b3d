import type { PolicyPreviewView } from '../handlers/policyPreview.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_policy_preview": the policy page's preview of the proposed version. */
export const main = forwardToServer<PolicyPreviewView>('policy-preview');
