import type { HandoffHealth } from '../domain/index.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_health": the managers' home page numbers. Parameters: period, timeZone. */
export const main = forwardToServer<HandoffHealth>('handoff-health');
