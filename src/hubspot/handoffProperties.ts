import { HANDOFF_STAGE_LABELS, HANDOFF_STATES, SLA_STATUS_LABELS, type HandoffPolicy } from '../domain/index.js';

// The handoff's state lives in HubSpot, as properties in one group, so HubSpot's own report
// builder can use every one of them. Names are stable: reports and workflows refer to them.
export const HANDOFF_GROUP = { name: 'handoff', label: 'Handoff (lead handoff SLA)', displayOrder: -1 } as const;

export const P = {
  stage: 'handoff_stage',
  mqlDate: 'handoff_mql_date',
  routedDate: 'handoff_routed_date',
  ownerAtHandoff: 'handoff_owner_at_handoff',
  routingRule: 'handoff_routing_rule',
  routingExplanation: 'handoff_routing_explanation',
  slaTier: 'handoff_sla_tier',
  slaDue: 'handoff_sla_due',
  slaStatus: 'handoff_sla_status',
  firstTouch: 'handoff_first_touch_date',
  timeToFirstTouch: 'handoff_time_to_first_touch',
  outcome: 'handoff_outcome',
  rejectionReason: 'handoff_rejection_reason',
  acceptedDate: 'handoff_accepted_date',
  rejectedDate: 'handoff_rejected_date',
  convertedDate: 'handoff_converted_date',
  recycledDate: 'handoff_recycled_date',
  dealId: 'handoff_deal_id',
  count: 'handoff_count',
  policyVersion: 'handoff_policy_version',
  escalations: 'handoff_escalations',
  taskId: 'handoff_task_id',
  version: 'handoff_version',
  lastEvent: 'handoff_last_event',
  attempts: 'handoff_sla_attempts',
  metBy: 'handoff_sla_met_by',
  missedBy: 'handoff_sla_missed_by',
  reassignments: 'handoff_reassignments',
  responseTime: 'handoff_response_time',
  decisionDue: 'handoff_decision_due',
  recycleReason: 'handoff_recycle_reason',
} as const;

export const DEAL_P = {
  sourceContact: 'handoff_source_contact_id',
  mqlDate: 'handoff_mql_date',
  sqlDate: 'handoff_sql_date',
  originalOwner: 'handoff_original_owner',
  policyVersion: 'handoff_policy_version',
  mqlToDealDays: 'handoff_mql_to_deal_days',
} as const;

/** HubSpot's option labels for Handoff's values are the domain's labels: one home for every surface. */
const SLA_STATUSES = Object.entries(SLA_STATUS_LABELS) as [string, string][];
const OUTCOMES = (['accepted', 'rejected', 'converted', 'recycled'] as const).map((s) => [s, HANDOFF_STAGE_LABELS[s]] as const);

export interface DesiredProperty {
  name: string;
  label: string;
  type: 'string' | 'number' | 'datetime' | 'enumeration' | 'bool';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox' | 'booleancheckbox';
  description: string;
  options?: { value: string; label: string }[];
  /** Options are owners (HubSpot shows names, reports group by owner). */
  owner?: boolean;
}

const text = (name: string, label: string, description: string, long = false): DesiredProperty => ({ name, label, type: 'string', fieldType: long ? 'textarea' : 'text', description });
const date = (name: string, label: string, description: string): DesiredProperty => ({ name, label, type: 'datetime', fieldType: 'date', description });
const num = (name: string, label: string, description: string): DesiredProperty => ({ name, label, type: 'number', fieldType: 'number', description });
const choice = (name: string, label: string, description: string, options: readonly (readonly [string, string])[], multi = false): DesiredProperty => ({
  name,
  label,
  type: 'enumeration',
  fieldType: multi ? 'checkbox' : 'select',
  description,
  options: options.map(([value, l]) => ({ value, label: l })),
});

/** The contact properties Handoff needs, with the options the policy defines (reasons, tiers, steps). */
export function contactProperties(policy: HandoffPolicy): DesiredProperty[] {
  return [
    choice(P.stage, 'Handoff stage', 'Where the marketing → sales handoff is: MQL, routed, accepted, rejected, converted, recycled.', HANDOFF_STATES.map((s) => [s, HANDOFF_STAGE_LABELS[s]] as const)),
    date(P.mqlDate, 'Handoff MQL date', 'When the contact last became a Marketing Qualified Lead under the handoff policy.'),
    date(P.routedDate, 'Handoff routed date', 'When the lead was routed (or last reassigned) to its owner; the SLA clock starts here.'),
    { ...text(P.ownerAtHandoff, 'Owner at handoff', 'The owner the lead was first routed to in this handoff.'), type: 'enumeration', fieldType: 'select', owner: true },
    text(P.routingRule, 'Handoff routing rule', 'The routing rule that chose the owner.'),
    text(P.routingExplanation, 'Handoff routing explanation', 'Why this owner, in words, including who was skipped and why.', true),
    choice(P.slaTier, 'Handoff SLA tier', 'The SLA tier the lead fell in.', policy.sla.tiers.map((t) => [t.id, t.label] as const)),
    date(P.slaDue, 'Handoff SLA due', 'When the first touch is due, in business time on the owner\'s calendar.'),
    choice(P.slaStatus, 'Handoff SLA status', "The current owner's response SLA: on track, at risk or breached while they have not responded; met or missed from their first response (a touch, an accept or a reject, as the policy counts them).", SLA_STATUSES),
    num(P.responseTime, 'Handoff response time (business minutes)', "Business minutes from the current owner's assignment to their first response (touch, accept or reject)."),
    date(P.decisionDue, 'Handoff decision due', 'When the current owner must have accepted or rejected the lead; after it the lead is stuck.'),
    num(P.reassignments, 'Handoff reassignments', 'How many times this handoff was reassigned for a missed SLA (the policy limits it).'),
    choice(P.metBy, 'Handoff SLA met by', 'Every owner who responded within the SLA on this handoff (one attempt each): report on it for per-owner compliance.', ownerOptions(policy), true),
    choice(P.missedBy, 'Handoff SLA missed by', 'Every owner who missed the SLA on this handoff.', ownerOptions(policy), true),
    text(P.attempts, 'Handoff SLA attempts', "Each owner's turn with this handoff (assigned, due, responded, met or missed) as JSON: what the audit counts.", true),
    choice(P.recycleReason, 'Handoff recycle reason', 'Why the lead went back to marketing (the policy\'s recycle reasons).', policy.recycleReasons.map((r) => [r.code, r.label] as const)),
    date(P.firstTouch, 'Handoff first touch date', 'The first sales call, email or meeting HubSpot logged after the lead was assigned to its current owner (a touch before never counts).'),
    num(P.timeToFirstTouch, 'Handoff time to first touch (business minutes)', "Business minutes from the current owner's assignment to their first touch; 0 when they touched it outside working hours before their clock started."),
    choice(P.outcome, 'Handoff outcome', 'What sales did with the lead.', OUTCOMES),
    choice(P.rejectionReason, 'Handoff rejection reason', 'Why sales rejected the lead (the policy\'s agreed list).', policy.rejectionReasons.map((r) => [r.code, r.label] as const)),
    date(P.acceptedDate, 'Handoff accepted date', 'When sales accepted the lead (it became a Sales Qualified Lead).'),
    date(P.rejectedDate, 'Handoff rejected date', 'When sales rejected the lead.'),
    date(P.convertedDate, 'Handoff converted date', 'When the lead became a deal.'),
    date(P.recycledDate, 'Handoff recycled date', 'When the lead went back to marketing.'),
    text(P.dealId, 'Handoff deal', 'The deal this handoff produced.'),
    num(P.count, 'Handoff count', 'How many times this contact has been handed to sales (2 after a re-MQL).'),
    text(P.policyVersion, 'Handoff policy version', 'The version of the handoff policy this handoff ran under.'),
    choice(P.escalations, 'Handoff escalations taken', 'The escalation steps taken on this handoff.', policy.escalation.steps.map((s) => [s.id, s.label] as const), true),
    text(P.taskId, 'Handoff follow-up task', 'The open follow-up task in the owner\'s queue.'),
    num(P.version, 'Handoff record version', 'The handoff\'s version in Handoff\'s ledger: goes up by one on every change.'),
    text(P.lastEvent, 'Handoff last event', 'The last transition (event, actor, reason) as JSON, for people; Handoff\'s ledger holds the timeline.', true),
  ];
}

/** The policy's people as options (value: HubSpot owner id, label: their name), for per-owner reports. */
function ownerOptions(policy: HandoffPolicy): (readonly [string, string])[] {
  return policy.people.filter((p) => p.ownerId !== undefined && p.role !== 'marketing').map((p) => [p.ownerId!, p.name] as const);
}

/** The deal properties: which handoff sourced the deal. */
export function dealProperties(): DesiredProperty[] {
  return [
    text(DEAL_P.sourceContact, 'Handoff source contact', 'The contact whose handoff produced this deal.'),
    date(DEAL_P.mqlDate, 'Handoff MQL date', 'When the source contact became an MQL.'),
    date(DEAL_P.sqlDate, 'Handoff SQL date', 'When sales accepted the source contact.'),
    { ...text(DEAL_P.originalOwner, 'Handoff original owner', 'Who the lead was first routed to.'), type: 'enumeration', fieldType: 'select', owner: true },
    text(DEAL_P.policyVersion, 'Handoff policy version', 'The handoff policy version the source contact ran under.'),
    num(DEAL_P.mqlToDealDays, 'Handoff days from MQL to deal', 'Calendar days from MQL to this deal.'),
  ];
}

/** Every contact property Handoff reads or writes, for reads that ask for them by name. */
export const CONTACT_PROPERTY_NAMES: string[] = Object.values(P);

/** Properties earlier versions created and Handoff no longer writes: setup hides them. */
export const RETIRED_CONTACT_PROPERTIES = [{ name: 'handoff_claim', why: "Handoff's ledger orders concurrent writes now; the claim protocol on this property is gone" }] as const;
