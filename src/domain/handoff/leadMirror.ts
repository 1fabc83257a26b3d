import type { HandoffPolicy, LeadStage } from '../policy/policy.schema.js';
import type { HandoffState } from './handoff.js';
import type { HandoffRecord } from './handoffRecord.js';

// A handoff mirrored as a HubSpot Lead (policy hubspot.leads: mirror), where reps work in the
// prospecting workspace. The two directions of one rule: what a change of the handoff does to
// its Lead, and what a rep's move of the Lead's stage means for the handoff.

/** What the handoff's Lead becomes after a change; `fresh`: a new routing, which starts a new Lead when the last one is closed. */
export interface LeadMirror {
  stage?: LeadStage;
  ownerId?: string;
  fresh?: boolean;
}

const STAGE_OF: Partial<Record<HandoffState, LeadStage>> = { routed: 'new', accepted: 'qualified', converted: 'qualified', rejected: 'disqualified', recycled: 'disqualified' };

/** The Lead's stages a rep is still working (a Lead in another is closed). */
export const OPEN_LEAD_STAGES: readonly LeadStage[] = ['new', 'attempting', 'connected'];

/** How a change of the handoff moves its Lead; undefined when it does not (or the policy does not mirror Leads). */
export function leadMirrorOf(policy: HandoffPolicy, before: HandoffRecord | undefined, after: HandoffRecord): LeadMirror | undefined {
  if (policy.hubspot.leads !== 'mirror') return undefined;
  const stage = STAGE_OF[after.state];
  if (!stage) return undefined;
  const ownerMoved = after.ownerId !== undefined && after.ownerId !== before?.ownerId;
  if (after.state === 'routed') {
    // Routed anew (or to someone else: a reassignment, a reroute): a New lead, the new owner's.
    if (before?.state !== 'routed') return { stage, ...(after.ownerId ? { ownerId: after.ownerId } : {}), fresh: true };
    return ownerMoved ? { stage, ownerId: after.ownerId! } : undefined;
  }
  if (before?.state === after.state && !ownerMoved) return undefined;
  return { stage, ...(ownerMoved ? { ownerId: after.ownerId! } : {}) };
}

/** What a rep's move of the Lead to a stage means: a first touch, an accept, a reject, or nothing (New). */
export type LeadStageEvent = 'touch' | 'accept' | 'reject';

export function leadStageEvent(stage: LeadStage): LeadStageEvent | undefined {
  if (stage === 'attempting' || stage === 'connected') return 'touch';
  if (stage === 'qualified') return 'accept';
  if (stage === 'disqualified') return 'reject';
  return undefined;
}

/** Which of the policy's lead stages a HubSpot stage id is (undefined: not one of them). */
export function leadStageOfId(policy: HandoffPolicy, stageId: string): LeadStage | undefined {
  const stages = policy.hubspot.leadPipeline.stages;
  return (Object.keys(stages) as LeadStage[]).find((s) => stages[s] === stageId);
}

/** The policy's rejection reason for HubSpot's disqualification reason (hubspot.leadPipeline.disqualificationReasons). */
export function rejectionForDisqualification(policy: HandoffPolicy, hubspotReason: string | undefined): string | undefined {
  return hubspotReason ? policy.hubspot.leadPipeline.disqualificationReasons[hubspotReason] : undefined;
}

/** HubSpot's disqualification reason to set for one of the policy's rejection reasons, when the policy maps one to it. */
export function disqualificationForRejection(policy: HandoffPolicy, reasonCode: string | undefined): string | undefined {
  if (!reasonCode) return undefined;
  return Object.entries(policy.hubspot.leadPipeline.disqualificationReasons).find(([, code]) => code === reasonCode)?.[0];
}
