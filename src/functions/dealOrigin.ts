import type { DealOrigin } from '../handlers/getDealOrigin.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_deal_origin": which handoff(s) sourced a deal. Parameters: dealId. */
export const main = forwardToServer<DealOrigin>('deal-origin');
