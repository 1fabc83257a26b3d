import { z } from 'zod';

const RecordId = z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, { error: 'a HubSpot record id is digits only' }));

/** Who is acting: a rep or manager (HubSpot owner id), a workflow (its id) or the system. */
export const ActorInput = z.strictObject({
  kind: z.enum(['user', 'workflow', 'system']),
  id: z.string().min(1),
});

export const RouteLeadInput = z.strictObject({ contactId: RecordId, actor: ActorInput.default({ kind: 'workflow', id: 'unknown' }) });
export const StartSlaInput = RouteLeadInput;
export const CheckSlaInput = RouteLeadInput;

export const RecordOutcomeInput = z.discriminatedUnion('action', [
  z.strictObject({ contactId: RecordId, actor: ActorInput, action: z.literal('accept') }),
  z.strictObject({ contactId: RecordId, actor: ActorInput, action: z.literal('reject'), reasonCode: z.string().min(1, { error: 'a rejection needs a reason' }), note: z.string().max(2000).optional() }),
  z.strictObject({ contactId: RecordId, actor: ActorInput, action: z.literal('recycle'), note: z.string().max(2000).optional() }),
  z.strictObject({ contactId: RecordId, actor: ActorInput, action: z.literal('convert'), dealId: RecordId }),
]);

export const GetHandoffStateInput = z.strictObject({ contactId: RecordId, viewerOwnerId: z.string().regex(/^\d+$/).optional() });
export const GetDealOriginInput = z.strictObject({ dealId: RecordId });

export type RouteLeadInput = z.input<typeof RouteLeadInput>;
export type RecordOutcomeInput = z.input<typeof RecordOutcomeInput>;
export type GetHandoffStateInput = z.input<typeof GetHandoffStateInput>;
