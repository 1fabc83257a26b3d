import { z } from 'zod';
import { DateTime } from 'luxon';
import { availabilityInWords, DomainError, maySetAvailability, personByOwnerId, type AvailabilityChange } from '../../domain/index.js';
import type { HandlerContext } from '../handlerContext.js';
import type { AvailabilitySetView } from './agreementViews.js';

export type { AvailabilitySetView };
import { handler } from '../handler.js';
import { HandlerError, parseInput } from '../handlerError.js';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'is a date as YYYY-MM-DD' });

export const SetAvailabilityInput = z.discriminatedUnion('action', [
  z.strictObject({ viewerOwnerId: z.string().optional(), action: z.literal('out-of-office'), personId: z.string().min(1), from: IsoDay, to: IsoDay, label: z.string().trim().max(80).optional() }).refine((v) => v.from <= v.to, { error: '"from" must be on or before "to"', path: ['to'] }),
  z.strictObject({ viewerOwnerId: z.string().optional(), action: z.literal('capacity'), personId: z.string().min(1), capacity: z.coerce.number().int().min(1).max(1000) }),
  z.strictObject({ viewerOwnerId: z.string().optional(), action: z.literal('clear'), settingId: z.coerce.number().int().positive() }),
]);


/**
 * Availability set from the policy page: a rep out of office from a date to a date, a rep's
 * capacity, or a setting cleared. Who may: the rep themself, a manager of their team, an admin
 * (maySetAvailability). Not a policy change: routing reads it at once, on every instance.
 */
export const setAvailability = handler(async (ctx: HandlerContext, raw: unknown): Promise<AvailabilitySetView> => {
  const input = parseInput(SetAvailabilityInput, raw);
  const actor = personByOwnerId(ctx.policy, input.viewerOwnerId);
  const now = ctx.now();
  const today = DateTime.fromJSDate(now, { zone: ctx.portal.timeZone }).toISODate()!;
  if (input.action === 'clear') {
    const setting = (await ctx.ledger.agreement.availability()).find((s) => s.id === input.settingId);
    if (!setting) throw new HandlerError('NOT_FOUND', `settingId: no availability setting ${input.settingId} in force`);
    const target = ctx.policy.people.find((p) => p.id === setting.personId);
    if (target) forbidUnlessMay(ctx, actor, target);
    await ctx.ledger.agreement.clearAvailability(setting.id, actor?.name ?? 'unknown', now);
    await ctx.policyChanged?.();
    return { said: `${target?.name ?? setting.personId}: ${setting.kind === 'capacity' ? "capacity back to the policy's" : `${availabilityInWords(setting, today)} cleared`}, by ${actor?.name ?? 'unknown'}` };
  }
  const target = ctx.policy.people.find((p) => p.id === input.personId);
  if (!target) throw new HandlerError('INVALID_INPUT', `personId: ${JSON.stringify(input.personId)} is not a person in the handoff policy`);
  const by = forbidUnlessMay(ctx, actor, target);
  const change: AvailabilityChange = input.action === 'capacity' ? { kind: 'capacity', capacity: input.capacity } : { kind: 'out-of-office', from: input.from, to: input.to, ...(input.label ? { label: input.label } : {}) };
  await ctx.ledger.agreement.setAvailability(target.id, change, { personId: by.id, name: by.name }, now);
  await ctx.policyChanged?.();
  return { said: `${target.name} ${change.kind === 'capacity' ? '' : 'is '}${availabilityInWords(change, today)}, set by ${by.name}` };
});

function forbidUnlessMay(ctx: HandlerContext, actor: ReturnType<typeof personByOwnerId>, target: NonNullable<ReturnType<typeof personByOwnerId>>) {
  const may = maySetAvailability(ctx.policy, actor, target);
  if (!may.may || !actor) throw new DomainError('NOT_THEIR_MANAGER', may.may ? 'you are not in the handoff policy' : may.why, { personId: target.id });
  return actor;
}
