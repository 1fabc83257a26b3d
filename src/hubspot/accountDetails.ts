import { z } from 'zod';
import { PORTAL_TYPES, type Portal } from '../domain/index.js';
import { HubSpotError } from './hubspotError.js';

/**
 * HubSpot's answer to GET /account-info/2026-03/details, parsed at the edge: the portal's id,
 * type, time zone and currency. An answer without them is refused, naming the field.
 */
const AccountDetailsAnswer = z.object({
  portalId: z.number().int().positive(),
  accountType: z.enum(PORTAL_TYPES),
  timeZone: z.string().min(1),
  companyCurrency: z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 currency code'),
});

export function portalOfAnswer(raw: unknown): Portal {
  const parsed = AccountDetailsAnswer.safeParse(raw);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.') || 'answer'} ${i.message} (${JSON.stringify(valueAt(raw, i.path))})`).join('; ');
    throw new HubSpotError('UNAVAILABLE', `HubSpot's account details are not as documented: ${what}`);
  }
  const a = parsed.data;
  return { id: String(a.portalId), type: a.accountType, timeZone: a.timeZone, currency: a.companyCurrency };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}
