import { getHandoffHealth } from '../handlers/getHandoffHealth.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_health": the managers' home page numbers. Parameters: period, timeZone. */
export const main = appFunction((ctx, parameters) => getHandoffHealth(ctx, parameters));
