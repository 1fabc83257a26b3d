import { currentAttempt, toEpochMs, withAttempts, type HandoffPolicy, type HandoffRecord, type Lead } from '../domain/index.js';
import type { ContactSnapshot, CrmGateway } from '../hubspot/crmGateway.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';

// What routing and the SLA read besides the policy's own fields.
/** The contact's property HubSpot keeps its primary company's id in: the company routing judges. */
export const PRIMARY_COMPANY = 'associatedcompanyid';
const CONTACT_BASE = ['email', 'firstname', 'lastname', 'company', 'website', 'country', 'state', 'zip', 'city', 'hubspot_owner_id', 'lifecyclestage', 'notes_last_contacted', 'hs_last_sales_activity_timestamp', PRIMARY_COMPANY];
const COMPANY_BASE = ['name', 'domain', 'website', 'country', 'state', 'zip', 'numberofemployees', 'industry', 'hubspot_owner_id'];
/** HubSpot's own activity properties: the SLA is met when the rep actually calls or emails. */
export const ACTIVITY_PROPERTIES = ['notes_last_contacted', 'hs_last_sales_activity_timestamp'];

/** The contact and company properties routing reads: what the policy's conditions name (contact.x, company.y), and the base. */
export function policyFields(policy: HandoffPolicy): { contact: string[]; company: string[] } {
  const named = conditionFields(policy);
  return { contact: [...new Set([...CONTACT_BASE, ...named.contact])].sort(), company: [...new Set([...COMPANY_BASE, ...named.company])].sort() };
}

/** Only the properties the policy's conditions name. */
export function conditionFields(policy: HandoffPolicy): { contact: string[]; company: string[] } {
  const contact = new Set<string>();
  const company = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'field' && typeof x === 'string') {
          const [scope, name] = x.split('.') as [string, string];
          if (name && name !== 'id') (scope === 'company' ? company : contact).add(name);
        } else walk(x);
      }
    }
  };
  walk(policy);
  return { contact: [...contact].sort(), company: [...company].sort() };
}

/** The lead as the policy's conditions read it: the contact's properties with its id, and its company's. */
function leadOf(contact: Pick<ContactSnapshot, 'id' | 'properties'>, company: Lead['company']): Lead {
  return { contact: { ...contact.properties, id: contact.id, hs_object_id: contact.id }, company };
}

export interface LeadRead {
  contact: ContactSnapshot;
  record: HandoffRecord;
  lead: Lead;
  companyId?: string;
}

/**
 * One contact read (its properties, the history of some, its company associations) and, when it
 * has a company, one company read: everything qualification, routing and the SLA need.
 */
export async function readLead(ctx: HandlerContext, contactId: string, history: string[] = []): Promise<LeadRead> {
  const fields = policyFields(ctx.policy);
  const contact = await ctx.crm.readContact(contactId, {
    properties: [...new Set([...fields.contact, ...CONTACT_PROPERTY_NAMES])],
    ...(history.length ? { history } : {}),
    associations: ['companies'],
  });
  // The primary company (the associations read with the contact say it is still there), else the first associated.
  const primary = contact.properties[PRIMARY_COMPANY];
  const companyId = primary && contact.companyIds.includes(primary) ? primary : contact.companyIds[0];
  const company = companyId ? await ctx.crm.readCompany(companyId, fields.company) : {};
  const lead = leadOf(contact, company);
  return { contact, record: recordFromProperties(contact.id, contact.properties), lead, ...(companyId ? { companyId } : {}) };
}

/** A batch's contacts as HubSpot gave them, and each one's companies (its primary first), before the companies are read. */
export interface LeadContacts {
  contacts: ContactSnapshot[];
  companyIds: Record<string, string[]>;
}

/**
 * Many leads at once, for a burst: the contacts in batch reads (their primary company's id among
 * their properties) and the companies in batch reads (100 a call each), so 100 leads cost HubSpot
 * two calls, not two hundred. Only contacts with companies but no primary one cost a batch
 * association read more. A contact that is gone is missing from the answer.
 */
export async function readLeads(ctx: HandlerContext, contactIds: string[]): Promise<Map<string, LeadRead>> {
  return withLeadCompanies(ctx, await readLeadContacts(ctx, contactIds));
}

/** `readLeads`' first half: the contacts and which company each belongs to. */
export async function readLeadContacts(ctx: HandlerContext, contactIds: string[]): Promise<LeadContacts> {
  return withAssociatedCompanies(ctx, await readBatchContacts(ctx, contactIds));
}

/** The contacts in batch reads, each with the primary company its properties name (if any). */
export async function readBatchContacts(ctx: HandlerContext, contactIds: string[]): Promise<LeadContacts> {
  if (!contactIds.length) return { contacts: [], companyIds: {} };
  const fields = policyFields(ctx.policy);
  return withPrimaryCompanies(await ctx.crm.readContacts(contactIds, { properties: [...new Set([...fields.contact, ...CONTACT_PROPERTY_NAMES])] }));
}

/** Contacts, each with the primary company its properties name (if any). */
export function withPrimaryCompanies(contacts: ContactSnapshot[]): LeadContacts {
  return { contacts, companyIds: Object.fromEntries(contacts.map((c) => [c.id, c.properties[PRIMARY_COMPANY] ? [c.properties[PRIMARY_COMPANY]] : []])) };
}

/** The companies of contacts whose properties name no primary one, from a batch association read. */
export async function withAssociatedCompanies(ctx: HandlerContext, found: LeadContacts): Promise<LeadContacts> {
  const noPrimary = found.contacts.filter((c) => !c.properties[PRIMARY_COMPANY]).map((c) => c.id);
  if (!noPrimary.length) return found;
  const associated = await ctx.crm.companyIdsOf(noPrimary);
  return { contacts: found.contacts, companyIds: Object.fromEntries(found.contacts.map((c) => [c.id, found.companyIds[c.id]?.length ? found.companyIds[c.id]! : (associated[c.id] ?? [])])) };
}

/** The leads as the contacts alone tell them (no company's properties yet), each with the company it names: enough to ask the account index meanwhile. */
export function contactLeads(found: LeadContacts): { lead: Lead; companyId?: string }[] {
  return found.contacts.map((contact) => {
    const companyId = found.companyIds[contact.id]?.[0];
    return { lead: leadOf(contact, {}), ...(companyId ? { companyId } : {}) };
  });
}

/**
 * `readLeads`' second half: the companies in batch reads, and each lead whole. A lead whose company
 * is gone has none. `matched`: for leads HubSpot associates with no company, the company
 * lead-to-account matching found, read in the same calls and set as the lead's company (not as its
 * associated company), so the policy's company criteria (size, industry) are judged on the
 * account the lead belongs to.
 */
export async function withLeadCompanies(ctx: HandlerContext, { contacts, companyIds }: LeadContacts, matched: ReadonlyMap<string, string> = new Map()): Promise<Map<string, LeadRead>> {
  const named = (contactId: string) => companyIds[contactId]?.[0];
  const wanted = [...new Set(contacts.flatMap((c) => named(c.id) ?? matched.get(c.id) ?? []))];
  const companies = wanted.length ? await ctx.crm.readCompanies(wanted, policyFields(ctx.policy).company) : {};
  const out = new Map<string, LeadRead>();
  for (const contact of contacts) {
    const id = named(contact.id);
    const company = id && companies[id] ? { id, properties: companies[id] } : undefined;
    const account = id ? undefined : companies[matched.get(contact.id) ?? ''];
    const snapshot = { ...contact, companyIds: companyIds[contact.id] ?? [] };
    const lead = leadOf(contact, company?.properties ?? account ?? {});
    out.set(contact.id, { contact: snapshot, record: recordFromProperties(contact.id, contact.properties), lead, ...(company ? { companyId: company.id } : {}) });
  }
  return out;
}

/**
 * The companies of many contacts: their company associations in batch association reads, then
 * each contact's first company in batch reads (100 a call each). `first` is undefined for a
 * contact with no company, or whose company is gone.
 */
export async function companiesOfContacts(crm: CrmGateway, contactIds: string[], properties: string[]): Promise<{ companyIds: Record<string, string[]>; first(contactId: string): { id: string; properties: Record<string, string> } | undefined }> {
  const companyIds = contactIds.length ? await crm.companyIdsOf(contactIds) : {};
  const wanted = [...new Set(contactIds.map((id) => companyIds[id]?.[0]).filter((id): id is string => !!id))];
  const companies = wanted.length ? await crm.readCompanies(wanted, properties) : {};
  return {
    companyIds,
    first: (contactId) => {
      const id = companyIds[contactId]?.[0];
      return id && companies[id] ? { id, properties: companies[id] } : undefined;
    },
  };
}

/**
 * Leads HubSpot associates with no company, given the company lead-to-account matching found:
 * those companies read in batch reads (100 a call) and set as each lead's company, so the
 * policy's company criteria (size, industry) are judged on the account the lead belongs to.
 */
export async function withMatchedCompanies(ctx: HandlerContext, reads: readonly LeadRead[], matched: ReadonlyMap<string, string>): Promise<LeadRead[]> {
  const wanted = reads.filter((r) => !r.companyId && matched.has(r.contact.id));
  if (!wanted.length) return [...reads];
  const companies = await ctx.crm.readCompanies([...new Set(wanted.map((r) => matched.get(r.contact.id)!))], policyFields(ctx.policy).company);
  return reads.map((r) => {
    const company = !r.companyId ? companies[matched.get(r.contact.id) ?? ''] : undefined;
    return company ? { ...r, lead: { ...r.lead, company } } : r;
  });
}

/** The first sales activity at or after `since`, from the history of HubSpot's activity properties. */
export function firstActivityAfter(contact: ContactSnapshot, since: Date | undefined): Date | undefined {
  if (!since) return undefined;
  const times = ACTIVITY_PROPERTIES.flatMap((p) => contact.history[p] ?? [{ value: contact.properties[p] ?? '', at: since, sourceType: '' }])
    .map((h) => toEpochMs(h.value))
    .filter((t): t is number => t !== undefined && t >= since.getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}

/** The first touch HubSpot logged while the current owner has held the lead (a touch before their attempt is not theirs). */
export function firstTouchOfCurrentOwner(contact: ContactSnapshot, record: HandoffRecord, policy: HandoffPolicy, alsoTouchedAt?: Date): Date | undefined {
  const since = currentAttempt(withAttempts(record, policy).attempts)?.startedAt;
  const logged = firstActivityAfter(contact, since);
  // A touch HubSpot recorded elsewhere (the Lead's stage moved to Attempting or Connected) counts the same, from the attempt's start.
  const other = alsoTouchedAt && since && alsoTouchedAt.getTime() >= since.getTime() ? alsoTouchedAt : undefined;
  return logged && other ? new Date(Math.min(logged.getTime(), other.getTime())) : (logged ?? other);
}

export function lastActivity(contact: ContactSnapshot): Date | undefined {
  const times = ACTIVITY_PROPERTIES.map((p) => toEpochMs(contact.properties[p])).filter((t): t is number => t !== undefined);
  return times.length ? new Date(Math.max(...times)) : undefined;
}
