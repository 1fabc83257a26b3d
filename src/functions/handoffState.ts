import { getHandoffState } from '../handlers/getHandoffState.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_state": everything the contact card shows. Parameters: contactId, viewerOwnerId. */
export const main = appFunction((ctx, parameters) => getHandoffState(ctx, parameters));
