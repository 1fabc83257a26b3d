import { DateTime } from 'luxon';
import type { HandoffState } from '../handoff/handoff.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import type { QualificationStage } from '../qualification/qualify.js';
import type { AttemptResult, AttemptSource } from '../sla/attempt.js';
import type { SlaStatus } from '../sla/sla.js';

// What people read for Handoff's own values: one home, read by HubSpot's property options (setup),
// the cards, the home page, the workbench, the CLI and the audit. HubSpot's values (lifecycle and
// deal stages, traffic sources) come from the portal's own property options: `PortalLabels`.

export const HANDOFF_STAGE_LABELS: Readonly<Record<HandoffState, string>> = {
  new: 'Not in a handoff',
  mql: 'MQL',
  routed: 'Routed (awaiting sales)',
  accepted: 'Accepted (SQL)',
  rejected: 'Rejected',
  converted: 'Converted to a deal',
  recycled: 'Recycled to marketing',
};

export const SLA_STATUS_LABELS: Readonly<Record<SlaStatus, string>> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached (no response yet)',
  met: 'Met',
  missed: 'Missed',
};

/** What the evidence concluded about one criterion or signal (the app page, the CLI, the docs). */
export const EVIDENCE_VERDICT_LABELS: Readonly<Record<'too-few' | 'no-contrast' | 'helps' | 'hurts' | 'no-evidence', string>> = {
  'too-few': 'Too few leads to tell',
  'no-contrast': 'History cannot tell (no contrast)',
  helps: 'Goes with acceptance',
  hurts: 'Goes with rejection',
  'no-evidence': 'No clear difference',
};
export const QUALIFICATION_STAGE_LABELS: Readonly<Record<QualificationStage, string>> = { mql: 'MQL', lead: 'Lead (not an MQL)', disqualified: 'Disqualified' };
export const RESPONSE_LABELS: Readonly<Record<string, string>> = { touch: 'First touch', accept: 'Accepted', reject: 'Rejected' };
export const ATTEMPT_RESULT_LABELS: Readonly<Record<AttemptResult, string>> = { open: 'waiting for a response', met: 'met', missed: 'missed', withdrawn: 'moved on in time (not counted)' };
export const ATTEMPT_SOURCE_LABELS: Readonly<Record<AttemptSource, string>> = { route: 'routed', reassign: 'reassigned', reroute: 'rerouted', exhausted: 'escalated', hubspot: 'assigned in HubSpot' };
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  qualify: 'Became an MQL',
  route: 'Routed',
  reassign: 'Reassigned',
  reroute: 'Routed again',
  accept: 'Accepted',
  reject: 'Rejected',
  convert: 'Converted to a deal',
  recycle: 'Recycled to marketing',
  escalate: 'Escalated',
};

/** HubSpot's own option labels in this portal (from its property definitions), by property. */
export type PortalOptions = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Everything people read for values: the policy's words and the portal's HubSpot option labels. */
export interface Labels {
  handoffStage(state: string | undefined): string;
  slaStatus(status: string | undefined): string;
  owner(ownerId: string | undefined): string;
  team(teamId: string | undefined): string;
  rejectionReason(code: string | undefined): string;
  recycleReason(code: string | undefined): string;
  escalationStep(id: string | undefined): string;
  slaTier(id: string | undefined): string;
  /** A HubSpot enumeration's value as the portal labels it (lifecyclestage, dealstage, hs_analytics_source…). */
  option(property: string, value: string | undefined): string;
  /** Money in the portal's currency. */
  money(amount: string | number | undefined): string;
  /** An instant as people read it in a zone: "Thu 20 Aug 2026, 19:58". */
  instant(at: Date | string | undefined, timeZone: string, withZone?: boolean): string;
}

const NONE = '—';

/** The labels of a policy, and of a portal's HubSpot options (absent options read as their value, as HubSpot shows a deleted option). */
export function labelsFor(policy: HandoffPolicy, options: PortalOptions = {}, currency = 'EUR'): Labels {
  const people = new Map(policy.people.filter((p) => p.ownerId).map((p) => [p.ownerId!, p.name]));
  const find = <T extends { label: string }>(list: readonly T[], key: keyof T, value: string | undefined) => (value === undefined || value === '' ? NONE : (list.find((x) => x[key] === value)?.label ?? value));
  return {
    handoffStage: (s) => (s ? (HANDOFF_STAGE_LABELS[s as HandoffState] ?? s) : HANDOFF_STAGE_LABELS.new),
    slaStatus: (s) => (s ? (SLA_STATUS_LABELS[s as SlaStatus] ?? s) : NONE),
    owner: (id) => (id ? (people.get(id) ?? `an owner Handoff's policy does not name (HubSpot owner ${id})`) : 'nobody'),
    team: (id) => (id ? (policy.teams.find((t) => t.id === id)?.name ?? id) : NONE),
    rejectionReason: (c) => find(policy.rejectionReasons, 'code', c),
    recycleReason: (c) => find(policy.recycleReasons, 'code', c),
    escalationStep: (id) => find(policy.escalation.steps, 'id', id),
    slaTier: (id) => find(policy.sla.tiers, 'id', id),
    option: (property, value) => (value === undefined || value === '' ? NONE : (options[property]?.[value] ?? value)),
    money: (amount) => formatMoney(amount, currency),
    instant: (at, timeZone, withZone = false) => formatInstant(at, timeZone, withZone),
  };
}

// The instants formatted lately: a burst's leads share their due times, and luxon's formatting
// was about a quarter of deciding a lead. Bounded; cleared whole when full.
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 1_000;

/** "Thu 20 Aug 2026, 19:58" (with " (Europe/Dublin)" when asked): never an ISO string. */
export function formatInstant(at: Date | string | undefined, timeZone: string, withZone = false): string {
  if (at === undefined || at === '') return NONE;
  const key = `${typeof at === 'string' ? at : at.getTime()}|${timeZone}|${withZone ? 1 : 0}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const d = typeof at === 'string' ? DateTime.fromISO(/^\d+$/.test(at) ? new Date(Number(at)).toISOString() : at, { zone: timeZone }) : DateTime.fromJSDate(at, { zone: timeZone });
  const text = d.isValid ? `${d.toFormat('ccc d LLL yyyy, HH:mm')}${withZone ? ` (${timeZone})` : ''}` : String(at);
  if (formatted.size >= FORMATTED_KEPT) formatted.clear();
  formatted.set(key, text);
  return text;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** The English of the currency's own country, so each portal reads its money as its people write it. */
const MONEY_LOCALE: Readonly<Record<string, string>> = { EUR: 'en-IE', GBP: 'en-GB', USD: 'en-US' };

/** An amount in the portal's currency, whole units ("€54,100", "£54,100"); "—" for none. */
export function formatMoney(amount: string | number | undefined, currency = 'EUR'): string {
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (amount === undefined || amount === '' || !Number.isFinite(n)) return NONE;
  let f = moneyFormats.get(currency);
  if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat(MONEY_LOCALE[currency] ?? 'en-IE', { style: 'currency', currency, maximumFractionDigits: 0 })));
  return f.format(n);
}

/** "1 MQL", "2 MQLs": a count with its noun, plural right. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
