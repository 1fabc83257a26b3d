import { z } from 'zod';
import type { HandoffPolicy } from '../domain/index.js';
import { checkSla } from '../handlers/checkSla.js';
import type { HandlerContext } from '../handlers/handlerContext.js';
import { recordOutcome } from '../handlers/recordOutcome.js';
import { routeLead, startSla, type RouteLeadResult } from '../handlers/routeLead.js';
import { idempotencyKey } from '../handlers/inputs.js';
import { broughtWhole, enrolmentProperties } from '../handlers/enrolmentLead.js';

/**
 * The enrolled object's properties the action asked for (objectRequestOptions): a value HubSpot
 * sends as a string, number or boolean is kept as its string, one with no value may come as null
 * (left out). One pass over them (a burst brings about 50 with each of its enrolments): a record
 * of a union cost every property four tries.
 */
const EnrolledProperties = z.unknown().transform((sent, ctx) => {
  const properties: Record<string, string> = {};
  if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) {
    ctx.addIssue({ code: 'custom', message: 'must be an object of property values' });
    return z.NEVER;
  }
  for (const [name, value] of Object.entries(sent)) {
    if (typeof value === 'string') properties[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') properties[name] = String(value);
    else if (value !== null) ctx.addIssue({ code: 'custom', path: [name], message: 'must be a string, number, boolean or null' });
  }
  /** propertiesSent: every property the request named, with a value or null: whether it brought all that routing reads. */
  return { properties, propertiesSent: Object.keys(sent) };
});

/** The request HubSpot sends a custom workflow action's actionUrl. */
export const WorkflowActionRequest = z.object({
  callbackId: z.string().optional(),
  origin: z.object({ portalId: z.number(), actionDefinitionId: z.union([z.number(), z.string()]).optional() }).passthrough(),
  context: z.object({ source: z.string().optional(), workflowId: z.union([z.number(), z.string()]).optional() }).passthrough().optional(),
  object: z.object({
    objectId: z.union([z.number(), z.string()]).transform(String),
    objectType: z.string(),
    properties: EnrolledProperties.optional(),
  }).transform(({ properties, ...o }) => ({ ...o, ...(properties ?? {}) })),
  inputFields: z.record(z.string(), z.unknown()).default({}),
});
export type WorkflowActionRequest = z.output<typeof WorkflowActionRequest>;

type Outputs = Record<string, string | number | boolean>;

export interface WorkflowActionSpec {
  id: 'route-lead' | 'start-sla' | 'record-outcome' | 'check-sla';
  uid: string;
  name: string;
  description: string;
  inputFields: (policy: HandoffPolicy) => unknown[];
  /** The enrolled contact's properties HubSpot sends with each request (the definition's objectRequestOptions). */
  objectProperties?: (policy: HandoffPolicy) => string[];
  outputFields: { name: string; type: 'string' | 'enumeration' | 'datetime' | 'number' | 'bool'; label: string; options?: string[] }[];
  run(ctx: HandlerContext, req: WorkflowActionRequest, deps?: ActionDeps): Promise<Outputs>;
}

/** What the server lends an action: routing through its batcher, so deliveries arriving together are routed as one batch. */
export interface ActionDeps {
  routeLead?: (input: { contactId: string; actor: { kind: 'workflow'; id: string }; idempotencyKey?: string }) => Promise<RouteLeadResult>;
}

const actorOf = (req: WorkflowActionRequest) => ({ kind: 'workflow' as const, id: String(req.context?.workflowId ?? 'unknown') });

/** A workflow action's delivery: HubSpot's callbackId names this execution of this action, retries included. */
const keyOf = (req: WorkflowActionRequest) => (req.callbackId ? { idempotencyKey: idempotencyKey('wf', req.callbackId) } : {});
const broughtAll = (req: WorkflowActionRequest, policy: HandoffPolicy) => !!req.object.propertiesSent && broughtWhole(policy, req.object.propertiesSent);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const staticField = (name: string, label: string, type: string, fieldType: string, required: boolean, options?: { value: string; label: string }[]) => ({
  typeDefinition: { name, type, fieldType, label, ...(options ? { options } : {}) },
  supportedValueTypes: ['STATIC_VALUE', 'OBJECT_PROPERTY'],
  isRequired: required,
});

/**
 * Handoff's custom workflow actions: what marketing ops wires into HubSpot workflows. Each
 * returns output fields later steps can branch on (owner, SLA due, status).
 */
export const WORKFLOW_ACTIONS: WorkflowActionSpec[] = [
  {
    id: 'route-lead',
    uid: 'handoff_action_route_lead',
    name: 'Handoff: route lead',
    description: 'Qualify the contact against the handoff policy; if it is an MQL, assign the owner the policy picks (with the reason), start the SLA and create the follow-up task.',
    inputFields: () => [],
    objectProperties: enrolmentProperties,
    outputFields: [
      { name: 'handoff_outcome', type: 'enumeration', label: 'Outcome', options: ['routed', 'not_mql', 'already_in_handoff'] },
      { name: 'owner_id', type: 'string', label: 'Owner id' },
      { name: 'sla_due', type: 'datetime', label: 'SLA due' },
      { name: 'sla_tier', type: 'string', label: 'SLA tier' },
      { name: 'routing_rule', type: 'string', label: 'Routing rule' },
    ],
    async run(ctx, req, deps) {
      const input = { contactId: req.object.objectId, actor: actorOf(req), ...keyOf(req) };
      // HubSpot's daily limit reached: routed from the properties the enrolment brought; the owner is answered now, the writes wait for the reset.
      if (ctx.hubspotParkedUntil?.() && req.object.properties) {
        const r = await routeLead(ctx, { ...input, contactProperties: req.object.properties });
        return { handoff_outcome: r.outcome, owner_id: r.ownerId ?? '', sla_due: r.slaDueAt ?? '', sla_tier: r.slaTierId ?? '', routing_rule: r.ruleId ?? '' };
      }
      // An enrolment that brought every property routing reads spares a batch its contacts read.
      const brought = broughtAll(req, ctx.policy) ? { contactProperties: req.object.properties } : {};
      const r = deps?.routeLead ? await deps.routeLead({ ...input, ...brought }) : await routeLead(ctx, input);
      return { handoff_outcome: r.outcome, owner_id: r.ownerId ?? '', sla_due: r.slaDueAt ?? '', sla_tier: r.slaTierId ?? '', routing_rule: r.ruleId ?? '' };
    },
  },
  {
    id: 'start-sla',
    uid: 'handoff_action_start_sla',
    name: 'Handoff: start SLA',
    description: "For a contact whose owner HubSpot already assigned (e.g. by rotation): start the handoff and its SLA for that owner.",
    inputFields: () => [],
    outputFields: [
      { name: 'handoff_outcome', type: 'enumeration', label: 'Outcome', options: ['routed', 'not_mql', 'already_in_handoff'] },
      { name: 'owner_id', type: 'string', label: 'Owner id' },
      { name: 'sla_due', type: 'datetime', label: 'SLA due' },
    ],
    async run(ctx, req) {
      const r = await startSla(ctx, { contactId: req.object.objectId, actor: actorOf(req), ...keyOf(req) });
      return { handoff_outcome: r.outcome, owner_id: r.ownerId ?? '', sla_due: r.slaDueAt ?? '' };
    },
  },
  {
    id: 'record-outcome',
    uid: 'handoff_action_record_outcome',
    name: 'Handoff: record outcome',
    description: 'Record what sales did: accepted, rejected (with one of the agreed reasons), recycled, or converted to a deal.',
    inputFields: (policy) => [
      staticField('outcome', 'Outcome', 'enumeration', 'select', true, [
        { value: 'accept', label: 'Accepted' },
        { value: 'reject', label: 'Rejected' },
        { value: 'recycle', label: 'Recycled' },
        { value: 'convert', label: 'Converted to a deal' },
      ]),
      staticField('rejection_reason', 'Rejection reason', 'enumeration', 'select', false, policy.rejectionReasons.map((r) => ({ value: r.code, label: r.label }))),
      staticField('recycle_reason', 'Recycle reason', 'enumeration', 'select', false, policy.recycleReasons.map((r) => ({ value: r.code, label: r.label }))),
      staticField('note', 'Note', 'string', 'textarea', false),
      staticField('deal_id', 'Deal id (for converted)', 'string', 'text', false),
    ],
    outputFields: [
      { name: 'handoff_stage', type: 'string', label: 'Handoff stage' },
      { name: 'changed', type: 'bool', label: 'Changed' },
    ],
    async run(ctx, req) {
      const f = req.inputFields;
      const action = str(f.outcome);
      const r = await recordOutcome(ctx, {
        contactId: req.object.objectId,
        actor: actorOf(req),
        ...keyOf(req),
        action,
        ...(action === 'reject' ? { reasonCode: str(f.rejection_reason) } : action === 'recycle' ? { reasonCode: str(f.recycle_reason) } : {}),
        ...(str(f.note) && (action === 'reject' || action === 'recycle') ? { note: str(f.note) } : {}),
        ...(action === 'convert' ? { dealId: str(f.deal_id) } : {}),
      });
      return { handoff_stage: r.stage, changed: r.changed };
    },
  },
  {
    id: 'check-sla',
    uid: 'handoff_action_check_sla',
    name: 'Handoff: check SLA',
    description: 'Check the response SLA: record a logged touch as the owner\'s response, take due escalation steps (remind, tell the manager, reassign, stuck) and recycle an accepted lead left idle. Delay until "Next check" and run it again.',
    inputFields: () => [],
    outputFields: [
      { name: 'sla_status', type: 'enumeration', label: 'SLA status', options: ['on_track', 'at_risk', 'breached', 'met', 'missed', 'none'] },
      { name: 'handoff_stage', type: 'string', label: 'Handoff stage' },
      { name: 'escalated', type: 'bool', label: 'Escalated now' },
      { name: 'reassigned_to', type: 'string', label: 'Reassigned to (owner id)' },
      { name: 'recycled', type: 'bool', label: 'Recycled now' },
      { name: 'next_check_at', type: 'datetime', label: 'Next check' },
    ],
    async run(ctx, req) {
      const r = await checkSla(ctx, { contactId: req.object.objectId, actor: actorOf(req), ...keyOf(req) });
      return {
        sla_status: r.slaStatus ?? 'none',
        handoff_stage: r.stage,
        escalated: r.escalations.length > 0,
        reassigned_to: r.reassignedTo ?? '',
        recycled: r.recycled,
        next_check_at: r.nextCheckAt ?? '',
      };
    },
  },
];
