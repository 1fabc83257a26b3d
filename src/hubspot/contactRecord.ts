import { HANDOFF_STATES, currentAttempt, hubspotDate, reassignmentsIn, type EventReceipt, type EventSummary, type HandoffRecord, type HandoffState, type SlaAttempt, type Transition } from '../domain/index.js';
import { reviveInstants } from '../lib/isoDates.js';
import { P } from './handoffProperties.js';

type Props = Readonly<Record<string, string | null | undefined>>;

const date = hubspotDate;
const str = (v: string | null | undefined): string | undefined => (v ? v : undefined);
const num = (v: string | null | undefined): number | undefined => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The handoff's version from the contact's properties (0 before its first write). */
export const versionOf = (props: Props): number => num(props[P.version]) ?? 0;

/** A contact's handoff record from its HubSpot properties (absent and null are the same). */
export function recordFromProperties(contactId: string, props: Props): HandoffRecord {
  const stage = props[P.stage];
  const state: HandoffState = stage && (HANDOFF_STATES as readonly string[]).includes(stage) ? (stage as HandoffState) : 'new';
  const record: HandoffRecord = {
    contactId,
    state,
    handoffCount: num(props[P.count]) ?? 0,
    escalationsDone: (props[P.escalations] ?? '').split(';').filter(Boolean),
    attempts: attemptsOf(props[P.attempts]),
    version: versionOf(props),
  };
  const set = <K extends keyof HandoffRecord>(key: K, value: HandoffRecord[K] | undefined) => {
    if (value !== undefined) record[key] = value;
  };
  set('ownerId', str(props.hubspot_owner_id));
  set('policyVersion', str(props[P.policyVersion]));
  set('mqlAt', date(props[P.mqlDate]));
  set('routedAt', date(props[P.routedDate]));
  set('routingRuleId', str(props[P.routingRule]));
  set('routingExplanation', str(props[P.routingExplanation]));
  set('slaTierId', str(props[P.slaTier]));
  set('slaDueAt', date(props[P.slaDue]));
  set('firstTouchAt', date(props[P.firstTouch]));
  set('timeToFirstTouchMinutes', num(props[P.timeToFirstTouch]));
  set('acceptedAt', date(props[P.acceptedDate]));
  set('rejectedAt', date(props[P.rejectedDate]));
  set('rejectionReason', str(props[P.rejectionReason]));
  set('convertedAt', date(props[P.convertedDate]));
  set('dealId', str(props[P.dealId]));
  set('recycledAt', date(props[P.recycledDate]));
  set('taskId', str(props[P.taskId]));
  set('recycleReason', str(props[P.recycleReason]));
  return record;
}

/** The attempts from their property: a value that is not a list of attempts (hand-edited) reads as none, and the record's own fields stand in. */
function attemptsOf(value: string | null | undefined): SlaAttempt[] {
  if (!value) return [];
  try {
    const parsed = reviveInstants(JSON.parse(value));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((a): a is SlaAttempt => Boolean(a) && typeof a === 'object' && typeof a.ownerId === 'string' && a.startedAt instanceof Date && a.dueAt instanceof Date && typeof a.number === 'number');
  } catch {
    return [];
  }
}

const OUTCOME_OF: Partial<Record<HandoffState, string>> = { accepted: 'accepted', rejected: 'rejected', converted: 'converted', recycled: 'recycled' };

/**
 * The property writes that take a contact from `before` to `after`: only what changed, and an
 * empty string to clear what no longer applies. `lastEvent` (the transition) goes in
 * handoff_last_event: its property history is the timeline people see in HubSpot (the ledger keeps
 * the timeline Handoff reads).
 */
export function propertiesForRecord(before: HandoffRecord, after: HandoffRecord, lastEvent?: Transition, extra: Record<string, string> = {}, receipt: EventReceipt = {}): Record<string, string> {
  const current = before.version === 0 && before.state === 'new' ? {} : storedProperties(before);
  const desired = storedProperties(after);
  if (after.state === 'routed' && before.state !== 'routed') desired[P.ownerAtHandoff] = after.ownerId ?? '';
  const writes: Record<string, string> = {};
  for (const [k, v] of Object.entries(desired)) if ((current[k] ?? '') !== v) writes[k] = v;
  if (lastEvent) writes[P.lastEvent] = JSON.stringify(eventSummary(lastEvent, receipt));
  return { ...writes, ...extra };
}

/** The properties that hold a record (owner at handoff and the last event are written on change only). */
function storedProperties(r: HandoffRecord): Record<string, string> {
  const iso = (d: Date | undefined) => (d ? d.toISOString() : '');
  return {
    [P.stage]: r.state,
    hubspot_owner_id: r.ownerId ?? '',
    [P.policyVersion]: r.policyVersion ?? '',
    [P.count]: String(r.handoffCount),
    [P.mqlDate]: iso(r.mqlAt),
    [P.routedDate]: iso(r.routedAt),
    [P.routingRule]: r.routingRuleId ?? '',
    [P.routingExplanation]: r.routingExplanation ?? '',
    [P.slaTier]: r.slaTierId ?? '',
    [P.slaDue]: iso(r.slaDueAt),
    [P.firstTouch]: iso(r.firstTouchAt),
    [P.timeToFirstTouch]: r.timeToFirstTouchMinutes === undefined ? '' : String(r.timeToFirstTouchMinutes),
    [P.acceptedDate]: iso(r.acceptedAt),
    [P.rejectedDate]: iso(r.rejectedAt),
    [P.rejectionReason]: r.rejectionReason ?? '',
    [P.convertedDate]: iso(r.convertedAt),
    [P.dealId]: r.dealId ?? '',
    [P.recycledDate]: iso(r.recycledAt),
    [P.escalations]: r.escalationsDone.join(';'),
    [P.attempts]: attemptsJson(r.attempts),
    [P.metBy]: ownersWith(r.attempts, 'met'),
    [P.missedBy]: ownersWith(r.attempts, 'missed'),
    [P.reassignments]: r.attempts.length ? String(reassignmentsIn(r.attempts)) : '',
    [P.responseTime]: current(r)?.responseMinutes === undefined ? '' : String(current(r)!.responseMinutes),
    [P.decisionDue]: r.state === 'routed' ? iso(current(r)?.decisionDueAt) : '',
    [P.recycleReason]: r.recycleReason ?? '',
    [P.taskId]: r.taskId ?? '',
    [P.outcome]: OUTCOME_OF[r.state] ?? '',
    [P.version]: String(r.version),
  };
}

const current = (r: HandoffRecord) => currentAttempt(r.attempts);

/** The attempts as handoff_sla_attempts holds them: keys in one fixed order, so the same attempts are always the same text. */
function attemptsJson(attempts: readonly SlaAttempt[]): string {
  if (!attempts.length) return '';
  const keys: (keyof SlaAttempt)[] = ['number', 'ownerId', 'source', 'tierId', 'startedAt', 'dueAt', 'decisionDueAt', 'respondedAt', 'respondedBy', 'responseMinutes', 'firstTouchAt', 'firstTouchMinutes', 'endedAt', 'endedWhy', 'result'];
  return JSON.stringify(attempts.map((a) => Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k] instanceof Date ? (a[k] as Date).toISOString() : a[k]]))));
}
/** The owners whose attempts had this result, as a checkbox value (owner ids, ";"-separated, each once). */
const ownersWith = (attempts: readonly SlaAttempt[], result: SlaAttempt['result']) => [...new Set(attempts.filter((a) => a.result === result).map((a) => a.ownerId))].join(';');

/** A transition as a timeline entry (handoff_last_event's value, and the ledger's timeline row). */
export function eventSummary(t: Transition, receipt: EventReceipt = {}): EventSummary {
  return {
    ...receipt,
    event: t.event,
    from: t.from,
    to: t.to,
    at: t.at,
    actor: `${t.actor.kind}:${t.actor.id}`,
    reason: t.reason,
    policyVersion: t.policyVersion,
    ...(t.ownerId ? { ownerId: t.ownerId } : {}),
    ...(t.rejectionReason ? { rejectionReason: t.rejectionReason } : {}),
    ...(t.note ? { note: t.note } : {}),
  };
}

