import type { HandoffState } from '../handlers/getHandoffState.js';
import { forwardToServer } from './functionHost.js';

/** App function "handoff_state": everything the contact card shows. Parameters: contactId, viewerEmail. */
export const main = forwardToServer<HandoffState>('handoff-state');
