import type { TaskToCreate } from '../domain/index.js';

// What the outbox tells HubSpot after a commit, as the ledger stores it (JSON in outbox.effects):
// Handoff's own shapes, which the outbox's delivery turns into HubSpot calls.

/**
 * A task the outbox has yet to create is known by the delivery that asked for it: its id is
 * `pending:<delivery key>` until HubSpot gives the real one, recorded on the delivery's outbox item:
 * the outbox resolves it wherever the pending id was written (a later write, a later "close this
 * task"), and the ledger as it reads a record (sqlHandoffRecord).
 */
export const PENDING_TASK_PREFIX = 'pending:';
export const pendingTaskId = (deliveryKey: string): string => `${PENDING_TASK_PREFIX}${deliveryKey}`;
export const pendingKeyOf = (id: string | undefined): string | undefined => (id?.startsWith(PENDING_TASK_PREFIX) ? id.slice(PENDING_TASK_PREFIX.length) : undefined);

/** Something HubSpot must be told after a commit; run in order, each step's progress recorded. */
export type Effect =
  /** `output` names the id in the delivery's result; `placeholder` is the pending id it replaces. */
  | { kind: 'createTask'; task: Omit<TaskToCreate, 'dueAt'> & { contactId: string; dueAt: string }; output: string; placeholder?: string }
  | { kind: 'createNote'; contactId: string; body: string; at: string; output: 'noteId' }
  /** One write of the handoff's properties (a pending task id in it is resolved when it runs). */
  | { kind: 'updateContact'; contactId: string; properties: Record<string, string> }
  | { kind: 'completeTask'; taskId: string; body: string }
  | { kind: 'updateDeal'; dealId: string; properties: Record<string, string> }
  /**
   * Makes the contact's Lead match the handoff (policy hubspot.leads: mirror): its stage and owner,
   * creating it when there is none (or, for a `fresh` routing, when the last one is closed). The
   * Lead is found through the contact's associations each time, so a retry never makes a second.
   */
  | { kind: 'mirrorLead'; contactId: string; pipelineId: string; stageId?: string; ownerId?: string; fresh?: boolean; openStageIds: string[]; disqualificationReason?: string; name?: string; companyId?: string; output: 'leadId' };
