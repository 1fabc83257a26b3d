import type { PolicyOverview } from '../handlers/getPolicyOverview.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_policy": the "Handoff policy" page (the policy in words; the server's state for admins). */
export const main = forwardToServer<PolicyOverview>('policy');
