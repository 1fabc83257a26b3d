import { recordOutcome } from '../handlers/recordOutcome.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_record_outcome": accept, reject with a reason, recycle. Parameters as the handler's input. */
export const main = appFunction((ctx, parameters) => recordOutcome(ctx, parameters));
