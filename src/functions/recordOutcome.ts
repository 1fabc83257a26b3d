import { recordOutcome } from '../handlers/recordOutcome.js';
import { viewerActor } from '../handlers/viewer.js';
import { appFunction } from './functionHost.js';

/** App function "handoff_record_outcome": accept, reject with a reason, recycle. Parameters: contactId, action, reasonCode, note, viewerEmail. */
export const main = appFunction((ctx, { viewerEmail, ...parameters }) =>
  recordOutcome(ctx, { ...parameters, actor: viewerActor(ctx.policy, typeof viewerEmail === 'string' ? viewerEmail : undefined) }),
);
