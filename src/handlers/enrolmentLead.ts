import type { Account } from '../domain/accounts/index.js';
import type { HandoffPolicy, Lead } from '../domain/index.js';
import { recordFromProperties } from '../hubspot/contactRecord.js';
import { CONTACT_PROPERTY_NAMES } from '../hubspot/handoffProperties.js';
import type { HandlerContext } from './handlerContext.js';
import { HandlerError } from './handlerError.js';
import { conditionFields, policyFields, PRIMARY_COMPANY, type LeadRead } from './leadReads.js';

// While HubSpot's daily limit is reached, Handoff can make no call at all, yet a "route lead"
// enrolment brings the contact's properties with it (the action asks HubSpot for them:
// objectRequestOptions). Routing then decides from those, its own ledger and its account index,
// answers with the owner it chose, and the writes wait in the outbox for the portal's midnight.

/** The company properties the account index holds, as HubSpot names them. */
const INDEXED_COMPANY_FIELDS = new Set(['name', 'domain', 'country', 'numberofemployees', 'hubspot_owner_id']);

/** What HubSpot sends with each "route lead" enrolment: every contact property routing reads, and the primary company's id. */
export function enrolmentProperties(policy: HandoffPolicy): string[] {
  return [...new Set([...policyFields(policy).contact, ...CONTACT_PROPERTY_NAMES])].sort();
}

const asked = new WeakMap<HandoffPolicy, readonly string[]>();

/**
 * Whether an enrolment named every property this policy reads of its contact (with a value or
 * null): the contact whole, as a read would give it. One sent by an action definition published
 * for an older policy (which read less) is not, and the contact is read from HubSpot instead.
 */
export function broughtWhole(policy: HandoffPolicy, sent: readonly string[]): boolean {
  let names = asked.get(policy);
  if (!names) asked.set(policy, (names = enrolmentProperties(policy)));
  const named = new Set(sent);
  return names.every((n) => named.has(n));
}

/** A company as routing reads it, from its entry in the account index. */
export function companyFromIndex(account: Account): Record<string, string> {
  return {
    name: account.name,
    ...(account.domains[0] ? { domain: account.domains[0] } : {}),
    ...(account.country ? { country: account.country } : {}),
    ...(account.size !== undefined ? { numberofemployees: String(account.size) } : {}),
    ...(account.ownerId ? { hubspot_owner_id: account.ownerId } : {}),
  };
}

/** The company the account index holds under an id (undefined when it does not). */
export async function indexedCompany(ctx: Pick<HandlerContext, 'ledger'>, companyId: string): Promise<Record<string, string> | undefined> {
  const [account] = (await ctx.ledger.accountCandidates({ companyIds: [companyId], domains: [], stems: [], nameWords: [] })).filter((a) => a.companyId === companyId);
  return account ? companyFromIndex(account) : undefined;
}

/**
 * The lead as an enrolment brought it: the contact's properties as HubSpot sent them, and its
 * company from the account index. Refused (retryable, so the enrolment waits for the reset) when
 * the policy judges a company property the index does not hold, or the company is not in the
 * index: deciding without it would route on a guess. (A contact property HubSpot did not send has
 * no value, as in a read.)
 */
export async function leadFromEnrolment(ctx: Pick<HandlerContext, 'ledger' | 'policy'>, contactId: string, sent: Readonly<Record<string, string>>): Promise<LeadRead> {
  const named = conditionFields(ctx.policy);
  const missingCompany = named.company.filter((f) => !INDEXED_COMPANY_FIELDS.has(f));
  if (missingCompany.length) throw waits(`the policy judges ${missingCompany.map((f) => `company.${f}`).join(', ')}, which Handoff's account index does not hold`);
  const properties = Object.fromEntries(Object.entries(sent).filter(([k]) => k !== PRIMARY_COMPANY));
  const companyId = sent[PRIMARY_COMPANY] || undefined;
  const company = companyId ? await indexedCompany(ctx, companyId) : undefined;
  if (companyId && !company) throw waits(`its company ${companyId} is not in Handoff's account index yet`);
  const lead: Lead = { contact: { ...properties, id: contactId, hs_object_id: contactId }, company: company ?? {} };
  return {
    contact: { id: contactId, properties, history: {}, companyIds: companyId ? [companyId] : [], dealIds: [] },
    record: recordFromProperties(contactId, properties),
    lead,
    ...(companyId ? { companyId } : {}),
  };
}

const waits = (why: string) => new HandlerError('RATE_LIMITED', `HubSpot's daily limit is reached and ${why}: this lead is routed once the portal's day resets`);
