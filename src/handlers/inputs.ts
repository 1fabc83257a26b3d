import { z } from 'zod';

const RecordId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, { error: 'a HubSpot record id is digits only' }));

/** Who is acting: a rep or manager (HubSpot owner id), a workflow (its id) or the system. */
export const ActorInput = z.strictObject({
  kind: z.enum(['user', 'workflow', 'system']),
  id: z.string().min(1),
});

/**
 * The action's idempotency key: every delivery of the same action carries the same one (a
 * workflow action's callbackId, a webhook's eventId, a card click's handoff version and action).
 * Without one, a key is derived from the handoff version the handler reads.
 */
const IdempotencyKey = z.string().min(1).max(200).regex(/^[\w:.-]+$/, { error: 'an idempotency key is letters, digits and : . _ - only' });
/** An idempotency key from a delivery id repeated on every retry of the same delivery (a workflow's callbackId, a webhook's eventId, an SLA timer's contact and due instant). */
export function idempotencyKey(source: 'wf' | 'wh' | 'timer', id: string): string {
  return `${source}:${id.replace(/[^\w:.-]/g, '_').slice(0, 190)}`;
}

/**
 * The key a delivery is recorded under in the ledger, the one rule every handler keys by: the
 * action, then the caller's idempotency key or, without one, the contact and the handoff version
 * it acted on (`once`: what happens once to a contact, whatever its version), and what tells two
 * actions on one version apart (a reason, a deal, a Lead).
 */
export function deliveryKey(action: string, input: { contactId: string; idempotencyKey?: string | undefined }, version: number | 'once', detail?: string): string {
  return `${action}:${input.idempotencyKey ?? `${input.contactId}${version === 'once' ? '' : `:v${version}`}${detail ? `:${detail}` : ''}`}`;
}
/** The handoff version the caller saw (a card's): the action applies to that version or not at all. */
const ExpectedVersion = z.union([z.number(), z.string().regex(/^\d+$/, { error: 'a handoff version is a whole number' }).transform(Number)]).pipe(z.number().int().nonnegative());

const Actors = { contactId: RecordId, actor: ActorInput.default({ kind: 'workflow', id: 'unknown' }), idempotencyKey: IdempotencyKey.optional() };
/** `contactProperties`: the contact as a workflow enrolment brought it. `routeLeads` (the route batcher's, for one delivery or many) routes from it rather than reading the contact again; `routeLead` only while HubSpot's daily limit is reached. */
export const RouteLeadInput = z.strictObject({ ...Actors, contactProperties: z.record(z.string(), z.string()).optional() });
export const StartSlaInput = z.strictObject(Actors);
/** `touchedAt`: a touch HubSpot recorded outside the contact's activity properties (its Lead moved to Attempting or Connected). */
export const CheckSlaInput = StartSlaInput.extend({ touchedAt: z.iso.datetime({ offset: true, error: 'touchedAt is an ISO 8601 instant, e.g. 2026-11-25T09:30:00Z' }).optional() });
/** A rep's move of a Lead's stage in the prospecting workspace (a webhook's lead property change). */
export const LeadStageMovedInput = z.strictObject({ leadId: RecordId, occurredAt: z.iso.datetime({ offset: true }).optional(), idempotencyKey: IdempotencyKey.optional() });
/** A Lead's owner changed, or the Lead deleted, in HubSpot. */
export const LeadChangedInput = z.strictObject({ leadId: RecordId, idempotencyKey: IdempotencyKey.optional() });

const OutcomeBase = { contactId: RecordId, actor: ActorInput, idempotencyKey: IdempotencyKey.optional(), expectedVersion: ExpectedVersion.optional() };
export const RecordOutcomeInput = z.discriminatedUnion('action', [
  z.strictObject({ ...OutcomeBase, action: z.literal('accept') }),
  z.strictObject({ ...OutcomeBase, action: z.literal('reject'), reasonCode: z.string().min(1, { error: 'a rejection needs a reason' }), note: z.string().max(2000).optional() }),
  z.strictObject({ ...OutcomeBase, action: z.literal('recycle'), reasonCode: z.string().min(1, { error: 'a recycle needs a reason' }), note: z.string().max(2000).optional() }),
  z.strictObject({ ...OutcomeBase, action: z.literal('convert'), dealId: RecordId }),
]);

/** `history: "all"` asks for the whole timeline (up to HISTORY_ALL entries) instead of the latest few. */
/** Who is looking (the server reads it from HubSpot's signed query, never the card's body): a person the policy names, or a HubSpot user it does not. */
const ViewerInput = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('known'), ownerId: z.string().regex(/^\d+$/) }), z.strictObject({ kind: z.literal('unknown'), who: z.string().min(1) })]);
export const GetHandoffStateInput = z.strictObject({ contactId: RecordId, viewer: ViewerInput.optional(), history: z.enum(['latest', 'all']).default('latest') });
export const GetDealOriginInput = z.strictObject({ dealId: RecordId });

export type RouteLeadInput = z.input<typeof RouteLeadInput>;
export type RecordOutcomeInput = z.input<typeof RecordOutcomeInput>;
export type GetHandoffStateInput = z.input<typeof GetHandoffStateInput>;
