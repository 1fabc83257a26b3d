import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { TaskToCreate } from './handoffOf.js';

/** Why a lead reached its new owner: routed as an MQL, rerouted after a rejection, or reassigned after a missed SLA. */
export type HandedBecause = 'routed' | 'rerouted' | 'reassigned';

/**
 * The new owner's follow-up task, whoever handed the lead over: one rule for routing, a reroute
 * and a reassignment. Undefined when the policy does not ask for one
 * (`notifications.followUpTask`). It is due when the new owner's SLA is; its priority is HIGH for
 * a hot lead, and for one reassigned because its SLA was missed (it has waited once already),
 * MEDIUM otherwise.
 */
export function followUpTask(policy: HandoffPolicy, o: { because: HandedBecause; ownerId: string; tier: { hot: boolean }; dueAt: Date; subject: string; body: string }): TaskToCreate | undefined {
  if (!policy.notifications.followUpTask) return undefined;
  return { ownerId: o.ownerId, subject: o.subject, body: o.body, dueAt: o.dueAt, priority: o.tier.hot || o.because === 'reassigned' ? 'HIGH' : 'MEDIUM' };
}
