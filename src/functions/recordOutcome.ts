import type { RecordOutcomeResult } from '../handlers/recordOutcome.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_record_outcome": accept, reject with a reason, recycle. Parameters: contactId, action, reasonCode, note, expectedVersion, viewerEmail. */
export const main = forwardToServer<RecordOutcomeResult>('outcome');
