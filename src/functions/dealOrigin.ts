import { getDealOrigin } from '../handlers/getDealOrigin.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_deal_origin": which handoff(s) sourced a deal. Parameters: dealId. */
export const main = appFunction((ctx, parameters) => getDealOrigin(ctx, parameters));
