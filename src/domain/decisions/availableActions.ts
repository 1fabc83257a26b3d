import type { HandoffRecord } from '../handoff/handoffRecord.js';
import { canTransition } from '../handoff/stateMachine.js';
import { formatInstant } from '../labels/labels.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { reMqlAllowed } from '../recycling/recycling.js';
import { managerOf, mayActOn, ownerCalendar, personByOwnerId } from './handoffOf.js';

export interface ActionState {
  /** Offered in this state at all (a closed handoff offers none). */
  shown: boolean;
  /** Offered and this viewer may take it. */
  enabled: boolean;
}

/**
 * Who is looking at a card: a person the policy names (by their HubSpot owner id), or a HubSpot
 * user it does not name, who may act on no handoff (the server refuses their clicks).
 */
export type Viewer = { kind: 'known'; ownerId: string } | { kind: 'unknown'; who: string };

/** What the card offers: the actions for this state and viewer, and one line saying why something is not offered. */
export interface AvailableActions {
  accept: ActionState;
  reject: ActionState;
  recycle: ActionState;
  note?: string;
}

/**
 * The card as a set of states, in one place: a routed lead offers accept, reject and recycle; an
 * accepted one offers recycle; a rejected, converted or recycled one offers nothing and says why in
 * one line. A viewer who is neither the owner nor the owner's manager, or whom the policy does not
 * name, sees the actions disabled, with who can act. Read from the state machine and `mayActOn`
 * (the rule the server refuses a click by), so it never contradicts them. No viewer at all (a
 * workflow or the CLI reading the state) sees the actions as the state offers them.
 */
export function availableActions(record: HandoffRecord, policy: HandoffPolicy, viewer: Viewer | undefined, now: Date): AvailableActions {
  const shown = (event: 'accept' | 'reject' | 'recycle') => canTransition(record.state, event) && (event !== 'recycle' || record.state !== 'rejected');
  const may = viewer === undefined || (viewer.kind === 'known' && mayActOn(policy, record, { kind: 'user', id: viewer.ownerId }));
  const one = (event: 'accept' | 'reject' | 'recycle'): ActionState => ({ shown: shown(event), enabled: shown(event) && may });
  const actions: AvailableActions = { accept: one('accept'), reject: one('reject'), recycle: one('recycle') };
  const zone = ownerCalendar(policy, record.ownerId).timeZone;
  const owner = personByOwnerId(policy, record.ownerId)?.name ?? 'nobody';
  if (!actions.accept.shown && !actions.reject.shown && !actions.recycle.shown) {
    const reason = policy.rejectionReasons.find((r) => r.code === record.rejectionReason)?.label;
    const note: Record<string, string> = {
      new: 'Not in a handoff: nothing for sales to do yet.',
      mql: 'An MQL waiting to be routed.',
      rejected: `Rejected${reason ? ` as "${reason}"` : ''}: this handoff has ended.`,
      converted: 'Converted to a deal: this handoff is complete.',
      recycled: record.recycledAt
        ? `Back with marketing (${owner}) since ${formatInstant(record.recycledAt, zone)}; it can become an MQL again from ${formatInstant(reMqlAllowed(record.recycledAt, policy, now).allowedFrom, zone)}.`
        : `Back with marketing (${owner}).`,
    };
    return { ...actions, note: note[record.state] ?? 'Nothing to do in this state.' };
  }
  if (!may) {
    const manager = managerOf(policy, record.ownerId);
    const who = `${owner} (the owner)${manager ? ` or ${manager.name} (their manager)` : ''}`;
    if (viewer?.kind === 'unknown') return { ...actions, note: `You are not among the people in the handoff policy, so you cannot act here: only ${who} can act on this lead.` };
    return { ...actions, note: `Only ${who} can act on this lead.` };
  }
  if (record.state === 'accepted') return { ...actions, note: 'Accepted: recycle sends it back to marketing if it goes nowhere.' };
  return actions;
}
