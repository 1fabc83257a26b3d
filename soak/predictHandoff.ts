import { decideOutcome, decideRouteLead, decideSlaCheck, emptyRecord, type Actor, type HandoffPolicy, type HandoffRecord } from '../src/domain/index.js';
import type { RoutingInputs } from './soakPortal.js';

/** A delivery HubSpot acknowledged, at the handoff time it ran: what the model replays through the core. */
export type AckedStep =
  | { kind: 'route'; at: number; actor: Actor }
  | { kind: 'check'; at: number; actor: Actor; touchAt?: number }
  | { kind: 'outcome'; at: number; actor: Actor; action: 'accept' | 'recycle' | 'convert' | 'reject'; reasonCode?: string; dealId?: string };

export interface Prediction {
  record: HandoffRecord;
  transitions: number;
  tasks: number;
  notes: number;
}

/**
 * What the pure core says the handoff ends as, given the acknowledged steps and the inputs the
 * winning "route lead" read (the same lead and routing load): no HubSpot, no faults, no retries.
 */
export async function predictHandoff(contactId: string, steps: AckedStep[], inputs: RoutingInputs | undefined, policy: HandoffPolicy): Promise<Prediction> {
  let record = emptyRecord(contactId);
  let transitions = 0;
  let tasks = 0;
  let notes = 0;
  for (const step of steps) {
    const now = new Date(step.at);
    if (step.kind === 'route') {
      if (!inputs) throw new Error(`contact ${contactId} was acknowledged as routed but no routing commit was seen`);
      const lead = { contact: { ...inputs.contact.properties, id: contactId, hs_object_id: contactId }, company: inputs.company };
      const companyOwnerId = inputs.company.hubspot_owner_id;
      const routing = { ...inputs.load, ...(companyOwnerId ? { companyOwnerId } : {}) };
      const d = decideRouteLead({ record, lead, routing }, policy, now, step.actor);
      if (d.outcome !== 'routed') continue;
      record = d.record;
      transitions++;
      if (d.task) tasks++;
    } else if (step.kind === 'check') {
      const touch = step.touchAt !== undefined && record.routedAt && step.touchAt >= record.routedAt.getTime() ? new Date(step.touchAt) : undefined;
      const d = decideSlaCheck({ record, ...(touch ? { firstTouchAt: touch, lastActivityAt: touch } : {}) }, policy, now, step.actor);
      record = d.record;
      transitions += d.transitions.length;
      tasks += d.tasks.length;
    } else {
      const action =
        step.action === 'reject'
          ? { type: 'reject' as const, reasonCode: step.reasonCode! }
          : step.action === 'recycle'
            ? { type: 'recycle' as const, reasonCode: step.reasonCode! }
            : step.action === 'convert'
              ? { type: 'convert' as const, dealId: step.dealId! }
              : { type: 'accept' as const };
      const d = decideOutcome(record, action, policy, now, step.actor);
      record = d.record;
      transitions++;
      if (step.actor.kind === 'user' && (step.action === 'reject' || step.action === 'recycle')) notes++;
    }
  }
  return { record, transitions, tasks, notes };
}
