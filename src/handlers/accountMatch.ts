import { accountLookup, accountOf, matchAccount, routingLookup, type Account, type AccountMatching, type AccountRules, type LeadAccountFacts } from '../domain/accounts/index.js';
import type { HandoffPolicy, Lead, RoutingSnapshot } from '../domain/index.js';
import type { HandlerContext } from './handlerContext.js';

// Lead-to-account matching for routing: the candidates come from Handoff's account index in the
// ledger (never a CRM search), the associated company from the read HubSpot already made, and the
// decision from the pure matchAccount, with its reasons.

export type Accounts = Pick<RoutingSnapshot, 'companyOwnerId' | 'account' | 'noAccount'>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** What a lead says about its company, as matching reads it. */
export function leadAccountFacts(lead: Lead, companyId?: string): LeadAccountFacts {
  const c = lead.contact;
  const email = text(c.email);
  const website = text(c.website);
  const companyName = text(c.company);
  const country = text(c.country) ?? text(lead.company?.country);
  return { ...(email ? { email } : {}), ...(website ? { website } : {}), ...(companyName ? { companyName } : {}), ...(country ? { country } : {}), ...(companyId ? { associatedCompanyId: companyId } : {}) };
}

export const accountRules = (policy: HandoffPolicy): AccountRules => policy.accounts;

/** Whether any routing rule reads the account (else matching is skipped: no index read). */
export const routesByAccount = (policy: HandoffPolicy) => policy.routing.rules.some((r) => r.strategy === 'account_owner');

/** The lead's account from the index (and its associated company as HubSpot gave it), with every signal. */
export async function matchLeadAccount(ctx: Pick<HandlerContext, 'ledger' | 'policy'>, lead: Lead, companyId?: string): Promise<AccountMatching> {
  const facts = leadAccountFacts(lead, companyId);
  const rules = accountRules(ctx.policy);
  return matchWith(facts, await ctx.ledger.accountCandidates(accountLookup(facts, rules)), lead, companyId, rules);
}

function matchWith(facts: LeadAccountFacts, candidates: Account[], lead: Lead, companyId: string | undefined, rules: AccountRules): AccountMatching {
  // The associated company is known from HubSpot's own read, even before the index has it.
  if (companyId && lead.company && !candidates.some((a) => a.companyId === companyId)) {
    candidates.push(accountOf(companyId, Object.fromEntries(Object.entries(lead.company).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]))));
  }
  return matchAccount(facts, candidates, rules);
}

/** What routing needs of the lead's account: its owner and why, or why there is none. */
export async function accountsFor(ctx: Pick<HandlerContext, 'ledger' | 'policy'>, lead: Lead, companyId?: string): Promise<Accounts> {
  return (await accountsForMany(ctx, [{ lead, ...(companyId ? { companyId } : {}) }]))[0]!;
}

/** The index's candidates asked for ahead, by contact id, with the company each lead named when they were asked for. */
export type AskedCandidates = ReadonlyMap<string, { companyId: string | undefined; candidates: readonly Account[] }>;

/**
 * The account index's candidates for leads, by contact id: a lone lead's in its own lookup, many
 * in one statement. Routing's lookup names the contact's email, website and company name and the
 * associated company's id, no company property, so a batch asks before its companies are read
 * and the statement runs while HubSpot answers that read.
 */
export async function askAccountCandidates(ctx: Pick<HandlerContext, 'ledger' | 'policy'>, leads: readonly { lead: Lead; companyId?: string }[]): Promise<AskedCandidates> {
  if (!routesByAccount(ctx.policy) || !leads.length) return new Map();
  const rules = accountRules(ctx.policy);
  const lookups = leads.map(({ lead, companyId }) => routingLookup(leadAccountFacts(lead, companyId), rules));
  const got = lookups.length === 1 ? [await ctx.ledger.accountCandidates(lookups[0]!)] : await ctx.ledger.accountCandidatesMany(lookups);
  return new Map(leads.map(({ lead, companyId }, i) => [contactIdOf(lead), { companyId, candidates: got[i]! }]));
}

const contactIdOf = (lead: Lead) => String(lead.contact.id);

/**
 * accountsFor for a batch's leads: every lead's candidates from the index in one statement (or
 * those `asked` ahead, where the lead still names the same company), each matched on its own.
 */
export async function accountsForMany(ctx: Pick<HandlerContext, 'ledger' | 'policy'>, leads: readonly { lead: Lead; companyId?: string }[], asked: AskedCandidates = new Map()): Promise<Accounts[]> {
  const owners = leads.map(({ lead, companyId }) => {
    const owner = lead.company?.hubspot_owner_id;
    return companyId && typeof owner === 'string' && owner ? { companyOwnerId: owner } : {};
  });
  if (!routesByAccount(ctx.policy)) return owners;
  const rules = accountRules(ctx.policy);
  const facts = leads.map(({ lead, companyId }) => leadAccountFacts(lead, companyId));
  // Those not asked ahead, or asked for a company that turned out gone, are asked (again) now.
  const current = ({ lead, companyId }: { lead: Lead; companyId?: string }) => {
    const a = asked.get(contactIdOf(lead));
    return a !== undefined && a.companyId === companyId;
  };
  const again = await askAccountCandidates(ctx, leads.filter((l) => !current(l)));
  return leads.map(({ lead, companyId }, i) => {
    const id = contactIdOf(lead);
    // A copy: matching adds the associated company to the list when the index lacks it.
    const m = matchWith(facts[i]!, [...(again.get(id) ?? asked.get(id))!.candidates], lead, companyId, rules);
    if (!m.match) return { ...owners[i], noAccount: m.explanation };
    const a = m.match.account;
    return { ...owners[i], account: { companyId: a.companyId, name: a.name, ...(a.ownerId ? { ownerId: a.ownerId } : {}), why: m.explanation } };
  });
}
