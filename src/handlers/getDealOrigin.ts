import { contactName, daysFromMqlToDeal, labelsFor, personByOwnerId } from '../domain/index.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES, P } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { handler } from './handler.js';
import { parseInput } from './handlerError.js';
import { GetDealOriginInput } from './inputs.js';

export interface DealOrigin {
  dealId: string;
  /** The deal's amount in the portal's currency ("£54,100"), when it has one. */
  amount?: string;
  dealCreatedAt?: string;
  handoffs: {
    contactId: string;
    name: string;
    stage: string;
    mqlAt?: string;
    sqlAt?: string;
    daysMqlToDeal?: number;
    originalOwner?: { ownerId: string; name: string };
    policyVersion?: string;
    path: { event: string; at: string; reason: string }[];
  }[];
}

/** Which handoff(s) sourced a deal: two HubSpot calls (the deal with its contacts, then those contacts in one batch); each handoff's record and path from the ledger. */
export const getDealOrigin = handler(async (ctx: HandlerContext, raw: unknown): Promise<DealOrigin> => {
  const input = parseInput(GetDealOriginInput, raw);
  const deal = await ctx.crm.readDeal(input.dealId, ['dealname', 'createdate', 'amount']);
  const amount = deal.properties.amount ? labelsFor(ctx.policy, {}, ctx.portal.currency).money(deal.properties.amount) : undefined;
  const contacts = await ctx.crm.readContacts(deal.contactIds, { properties: [...CONTACT_PROPERTY_NAMES, 'firstname', 'lastname', 'email'] });
  const created = deal.properties.createdate ? new Date(deal.properties.createdate) : undefined;
  const ledger = await Promise.all(contacts.map(async (c) => ({ record: await ctx.ledger.handoff(c.id), timeline: await ctx.ledger.timeline(c.id, 100) })));
  return {
    dealId: input.dealId,
    ...(amount && amount !== '—' ? { amount } : {}),
    ...(created ? { dealCreatedAt: created.toISOString() } : {}),
    handoffs: contacts
      .map((c, i) => {
        const record = ledger[i]!.record ?? recordFromProperties(c.id, c.properties);
        const firstOwner = c.properties[P.ownerAtHandoff];
        const name = contactName(c.properties, c.id);
        const path = [...ledger[i]!.timeline].reverse().map((e) => ({ event: e.event, at: e.at, reason: e.reason }));
        return {
          contactId: c.id,
          name,
          stage: record.state,
          ...(record.mqlAt ? { mqlAt: record.mqlAt.toISOString() } : {}),
          ...(record.acceptedAt ? { sqlAt: record.acceptedAt.toISOString() } : {}),
          ...(daysFromMqlToDeal(record, created) !== undefined ? { daysMqlToDeal: daysFromMqlToDeal(record, created)! } : {}),
          ...(firstOwner ? { originalOwner: { ownerId: firstOwner, name: personByOwnerId(ctx.policy, firstOwner)?.name ?? `Owner ${firstOwner}` } } : {}),
          ...(record.policyVersion ? { policyVersion: record.policyVersion } : {}),
          path,
        };
      })
      .filter((h) => h.stage !== 'new' || h.path.length > 0),
  };
});
