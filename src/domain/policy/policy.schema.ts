import { z } from 'zod';
import { DEFAULT_ACCOUNT_RULES, TIE_BREAKERS } from '../accounts/matchAccount.js';
import { ConditionGroup, LeafCondition } from './conditions.schema.js';
import { IsoDate, Region, TimeZone, WorkingHours } from './calendar.schema.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'ids are lower case letters, digits, "-" and "_"' });
const Label = z.string().min(1);

// ---- definitions: what MQL and SQL mean, what triggers the handoff, what sales owes ----
const MqlDefinition = z.strictObject({
  description: Label,
  fit: ConditionGroup,
  engagement: ConditionGroup,
  disqualifiers: z.array(LeafCondition).default([]),
});

const SqlDefinition = z.strictObject({
  description: Label,
  confirms: z.array(z.strictObject({ id: Id, label: Label })).min(1),
});

const Definitions = z.strictObject({
  mql: MqlDefinition,
  sql: SqlDefinition,
  handoffTrigger: Label,
  salesObligations: Label,
});

// ---- rejection reasons: the agreed list ----
export const REJECTION_OUTCOMES = ['recycle', 'disqualify', 'reroute'] as const;
const RejectionReason = z.strictObject({
  code: Id,
  label: Label,
  outcome: z.enum(REJECTION_OUTCOMES),
});

// ---- teams and people ----
const OutOfOffice = z
  .strictObject({
    from: IsoDate,
    to: IsoDate,
    label: z.string().optional(),
    /** Who set it in HubSpot (Handoff fills this in for availability set on the policy page; planned leave in the policy has none). */
    setBy: z.string().optional(),
  })
  .refine((o) => o.from <= o.to, { error: 'out-of-office "from" must be on or before "to"' });

const Team = z.strictObject({
  id: Id,
  name: Label,
  region: Region,
  timeZone: TimeZone,
  workingHours: WorkingHours,
  manager: Id,
});

const Person = z
  .strictObject({
    id: Id,
    name: Label,
    ownerId: z.string().regex(/^\d+$/, { error: 'a HubSpot owner id is digits only' }).optional(),
    email: z.email().optional(),
    /** Sales people belong to a team; a marketing person (e.g. the re-engagement owner) may not. */
    team: Id.optional(),
    /** rep: routed to; manager: manages a team; marketing: re-engagement; admin: sees every figure (e.g. the head of sales). */
    role: z.enum(['rep', 'manager', 'marketing', 'admin']).default('rep'),
    region: Region.optional(),
    timeZone: TimeZone.optional(),
    workingHours: WorkingHours.optional(),
    weight: z.number().positive().default(1),
    capacity: z.number().int().positive().optional(),
    outOfOffice: z.array(OutOfOffice).default([]),
  })
  // Handoff writes the owner id to the contact (hubspot_owner_id); an email alone cannot be written there.
  .refine((p) => p.ownerId !== undefined, {
    error: 'a person needs their HubSpot owner id ("ownerId", digits): Handoff writes it to the contact\'s owner, which an email alone cannot fill (HubSpot: Settings → Users & Teams, or the owners API)',
    path: ['ownerId'],
  })
  .refine((p) => p.role === 'marketing' || p.role === 'admin' || p.team !== undefined, { error: 'a sales rep or manager needs a "team"', path: ['team'] });

// ---- routing ----
const SizeBand = z
  .strictObject({ id: Id, label: Label, min: z.number().int().nonnegative(), max: z.number().int().positive().optional() })
  .refine((b) => b.max === undefined || b.max >= b.min, { error: 'size band "max" must be >= "min"' });

const PoolStrategy = z.enum(['round_robin', 'weighted_round_robin', 'least_loaded']);

const Territory = z.strictObject({
  id: Id,
  label: Label,
  countries: z.array(z.string().min(2)).optional(),
  regions: z.array(Region).optional(),
  counties: z.array(z.string().min(1)).optional(),
  postcodePrefixes: z.array(z.string().min(1)).optional(),
  sizeBands: z.array(Id).optional(),
  team: Id,
  strategy: PoolStrategy.default('round_robin'),
});

const ruleBase = { id: Id, label: Label, when: ConditionGroup.optional() };
const RoutingRule = z.discriminatedUnion('strategy', [
  z.strictObject({ ...ruleBase, strategy: z.literal('fixed_owner'), owner: Id }),
  z.strictObject({ ...ruleBase, strategy: z.literal('round_robin'), team: Id }),
  z.strictObject({ ...ruleBase, strategy: z.literal('weighted_round_robin'), team: Id }),
  z.strictObject({ ...ruleBase, strategy: z.literal('least_loaded'), team: Id }),
  z.strictObject({ ...ruleBase, strategy: z.literal('territory'), territories: z.array(Territory).min(1) }),
  z.strictObject({ ...ruleBase, strategy: z.literal('account_owner'), teams: z.array(Id).optional() }),
]);

const Routing = z.strictObject({
  sizeBands: z.array(SizeBand).default([]),
  availability: z
    .strictObject({
      skipOutOfOffice: z.boolean().default(true),
      respectCapacity: z.boolean().default(true),
      hotLeadsOnlyToOwnersAtWork: z.boolean().default(true),
    })
    .default({ skipOutOfOffice: true, respectCapacity: true, hotLeadsOnlyToOwnersAtWork: true }),
  fairness: z
    .strictObject({
      /** Round robin looks back this many days of assignments. */
      lookbackDays: z.number().int().positive().default(30),
    })
    .default({ lookbackDays: 30 }),
  rules: z.array(RoutingRule).min(1),
  fallback: z.strictObject({ label: Label, owner: Id }),
});

// ---- SLA, escalation, recycling ----
const SlaTier = z.strictObject({
  id: Id,
  label: Label,
  when: ConditionGroup.optional(),
  firstTouchBusinessHours: z.number().positive(),
  hot: z.boolean().default(false),
});

/** What stops an owner's response clock: a logged touch after routing, an accept, a reject. */
export const RESPONSE_KINDS = ['touch', 'accept', 'reject'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

const Sla = z.strictObject({
  atRiskPercent: z.number().int().min(1).max(99).default(75),
  /** Which of the owner's acts count as their response (the first one stops the clock). */
  respondedBy: z.array(z.enum(RESPONSE_KINDS)).min(1).default([...RESPONSE_KINDS]),
  /** A routed lead must be accepted or rejected within this many business days of its assignment; past it, it is stuck. */
  decisionBusinessDays: z.number().int().positive().optional(),
  tiers: z.array(SlaTier).min(1),
});

/** "75%", "breach", "breach + 4h" → a structured trigger. Readable by a head of sales. */
export const EscalationTrigger = z.string().transform((s, ctx) => {
  const text = s.trim();
  const pct = /^(\d{1,2})\s*%$/.exec(text);
  if (pct) return { kind: 'percent' as const, percent: Number(pct[1]), text };
  if (text === 'breach') return { kind: 'breach' as const, text };
  if (text === 'stuck') return { kind: 'stuck' as const, text };
  const after = /^breach\s*\+\s*(\d+(?:\.\d+)?)\s*h$/.exec(text);
  if (after) return { kind: 'after_breach' as const, businessHours: Number(after[1]), text };
  ctx.addIssue({ code: 'custom', message: 'an escalation trigger is "NN%" (of the SLA), "breach", "breach + Nh" (business hours after breach), or "stuck" (no accept or reject within sla.decisionBusinessDays)' });
  return z.NEVER;
});
export type EscalationTrigger = z.output<typeof EscalationTrigger>;

const EscalationStep = z.strictObject({
  id: Id,
  at: EscalationTrigger,
  action: z.enum(['remind_owner', 'notify_manager', 'reassign', 'recycle']),
  label: Label,
});

const Recycling = z.strictObject({
  acceptedNoActivityBusinessDays: z.number().int().positive(),
  reMqlCoolOffDays: z.number().int().nonnegative(),
  reEngagementOwner: Id,
});

// ---- notifications: through HubSpot's own channels (tasks land in the rep's queue) ----
const Notifications = z.strictObject({
  /** Routing creates a follow-up task for the new owner, due at the SLA. */
  followUpTask: z.boolean().default(true),
  /** Escalation steps create a task for whoever they escalate to. */
  escalationTasks: z.boolean().default(true),
});

// ---- HubSpot: what Handoff may spend of the portal's API allowance ----
/** The lead pipeline's stages Handoff moves a Lead through and reads the rep's moves from (HubSpot's default lead pipeline's ids). */
export const LEAD_STAGES = ['new', 'attempting', 'connected', 'qualified', 'disqualified'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];
/** HubSpot's default lead pipeline, with its stage ids. */
const DEFAULT_LEAD_PIPELINE = { pipeline: 'lead-pipeline-id', stages: { new: 'new-stage-id', attempting: 'attempting-stage-id', connected: 'connected-stage-id', qualified: 'qualified-stage-id', disqualified: 'unqualified-stage-id' }, disqualificationReasons: {} };
const StageId = z.string().min(1, { error: 'a stage id from the lead pipeline (handoff setup lists them)' });
const LeadPipeline = z.strictObject({
  /** The lead pipeline's id (HubSpot's default is lead-pipeline-id). */
  pipeline: z.string().min(1).default(DEFAULT_LEAD_PIPELINE.pipeline),
  stages: z
    .strictObject({ new: StageId, attempting: StageId, connected: StageId, qualified: StageId, disqualified: StageId })
    .default(DEFAULT_LEAD_PIPELINE.stages),
  /** HubSpot's disqualification reasons (hs_lead_disqualification_reason values) → the policy's rejection reason codes. */
  disqualificationReasons: z.record(z.string().min(1), Id).default({}),
});

const HubSpotSettings = z.strictObject({
  /** The portal's 10-second API limit: 190 on Professional and Enterprise, 100 on Starter (a 429's X-HubSpot-RateLimit-Max lowers it). */
  tenSecondlyLimit: z.number().int().min(10).max(1000).default(190),
  /** The share of that limit Handoff leaves for the portal's other integrations. */
  shareForOtherIntegrations: z.number().min(0).max(0.9).default(0.2),
  /**
   * Whether Handoff mirrors each handoff as a Lead (Sales Hub Professional or Enterprise), where
   * reps work in the prospecting workspace: off (the default) or mirror.
   */
  leads: z.enum(['off', 'mirror']).default('off'),
  leadPipeline: LeadPipeline.default(DEFAULT_LEAD_PIPELINE),
});

/**
 * Lead-to-account matching: which domains are personal (beyond the maintained free-mail list),
 * how ties between matching companies are settled, and how close a name must be to count.
 */
const Accounts = z.strictObject({
  /** Personal email domains the maintained list lacks (never matched to a company; `email_domain_personal` counts them). */
  personalDomains: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: 'is not a domain in lower case, such as homemail.ie' })).default([]),
  /** Several companies match equally well: settled in this order (owned before unowned; most contacts; most recently changed). */
  tieBreakers: z.array(z.enum(TIE_BREAKERS)).min(1).default([...TIE_BREAKERS]),
  /** How close (0-100, fuzzball's token sort ratio) a company name must be to count, beside a second signal. */
  fuzzyNameThreshold: z.number().int().min(70).max(100).default(DEFAULT_ACCOUNT_RULES.fuzzyNameThreshold),
});

/**
 * A sign-off; `version` is the policy version it was given for (a change needs it renewed). The
 * person who gives it is `person` (an id in people) or the person of that `name`: they approve the
 * next version inside HubSpot.
 */
const Approval = z.strictObject({ role: Label, name: Label, person: Id.optional(), date: IsoDate, version: z.string().min(1).optional() });
const RecycleReason = z.strictObject({ code: Id, label: Label });
const Closure = z.strictObject({ date: IsoDate, label: Label, regions: z.array(Region).optional() });

export const HandoffPolicySchema = z.strictObject({
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, { error: 'a policy version is letters, digits, ".", "-" or "_" (e.g. "2026.11.1")' }),
  name: Label,
  approvals: z.array(Approval).default([]),
  definitions: Definitions,
  rejectionReasons: z.array(RejectionReason).min(1),
  teams: z.array(Team).min(1),
  people: z.array(Person).min(1),
  routing: Routing,
  sla: Sla,
  escalation: z.strictObject({
    steps: z.array(EscalationStep).default([]),
    /**
     * How many times one handoff may be reassigned to another rep for a missed SLA. When a reassign
     * step falls due after that many, or nobody who has not already held the lead is left, the lead
     * goes to `whenExhausted` instead, once. Absent: no limit (but never back to an owner who had it).
     */
    maxReassignments: z.number().int().nonnegative().optional(),
    /** Where a lead goes when reassignment is exhausted: the last owner's team manager, the routing fallback, or back to marketing. */
    whenExhausted: z.enum(['manager', 'fallback', 'recycle']).default('manager'),
  }),
  /** Why sales hands a lead back to marketing (a recycle asks for one of these). */
  recycleReasons: z.array(RecycleReason).min(1).default([{ code: 'nurture', label: 'Needs more nurturing by marketing' }]),
  recycling: Recycling,
  closures: z.array(Closure).default([]),
  notifications: Notifications.default({ followUpTask: true, escalationTasks: true }),
  accounts: Accounts.default({ personalDomains: [], tieBreakers: [...TIE_BREAKERS], fuzzyNameThreshold: DEFAULT_ACCOUNT_RULES.fuzzyNameThreshold }),
  hubspot: HubSpotSettings.default({
    tenSecondlyLimit: 190,
    shareForOtherIntegrations: 0.2,
    leads: 'off',
    leadPipeline: DEFAULT_LEAD_PIPELINE,
  }),
});

export type HandoffPolicy = z.output<typeof HandoffPolicySchema>;
export type Team = HandoffPolicy['teams'][number];
export type Person = HandoffPolicy['people'][number];
export type RoutingRule = HandoffPolicy['routing']['rules'][number];
export type Territory = Extract<RoutingRule, { strategy: 'territory' }>['territories'][number];
export type SlaTier = HandoffPolicy['sla']['tiers'][number];
export type EscalationStep = HandoffPolicy['escalation']['steps'][number];
export type RejectionReason = HandoffPolicy['rejectionReasons'][number];
export type RejectionOutcome = RejectionReason['outcome'];
export type RecycleReason = HandoffPolicy['recycleReasons'][number];
export type ExhaustedTarget = HandoffPolicy['escalation']['whenExhausted'];
