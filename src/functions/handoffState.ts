import { getHandoffState } from '../handlers/getHandoffState.js';
import { viewerActor } from '../handlers/viewer.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_state": everything the contact card shows. Parameters: contactId, viewerEmail. */
export const main = appFunction((ctx, { viewerEmail, ...parameters }) => {
  const viewer = viewerActor(ctx.policy, typeof viewerEmail === 'string' ? viewerEmail : undefined);
  return getHandoffState(ctx, { ...parameters, ...(viewer.id.startsWith('user:') ? {} : { viewerOwnerId: viewer.id }) });
});
