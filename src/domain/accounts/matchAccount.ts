import { ratio, token_sort_ratio } from 'fuzzball';
import type { Account } from './account.js';
import { normaliseCompanyName, distinctiveWords } from './companyName.js';
import { countryCode } from './countries.js';
import { domainFacts, isPersonalDomain } from './domains.js';

// Lead-to-account matching: which company a lead belongs to, with the signals that say so. Pure:
// the handler gathers the candidates from the account index (accountLookup says what to ask
// for), and the same lead and candidates always give the same match and the same reasons.

/** How several matches are settled, in the policy's order. */
export const TIE_BREAKERS = ['owned', 'most_contacts', 'recently_changed'] as const;
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export interface AccountRules {
  /** Personal domains beyond the maintained list (never matched to a company). */
  personalDomains: readonly string[];
  tieBreakers: readonly TieBreaker[];
  /** A fuzzy name match scores at least this (0-100), and counts only with a second signal. */
  fuzzyNameThreshold: number;
}

export const DEFAULT_ACCOUNT_RULES: AccountRules = { personalDomains: [], tieBreakers: [...TIE_BREAKERS], fuzzyNameThreshold: 88 };

/** What a lead says about its company. */
export interface LeadAccountFacts {
  email?: string;
  /** The contact's website. */
  website?: string;
  /** The company name the lead gave (the contact's `company`). */
  companyName?: string;
  country?: string;
  /** The company HubSpot associates the contact with, when it has one. */
  associatedCompanyId?: string;
}

export type MatchSignal =
  | { kind: 'associated' }
  | { kind: 'email_domain'; seen: string; domain: string }
  | { kind: 'website_domain'; seen: string; domain: string }
  | { kind: 'name_exact'; seen: string }
  | { kind: 'sibling_domain'; seen: string; domain: string }
  | { kind: 'name_fuzzy'; seen: string; score: number }
  | { kind: 'same_country'; country: string };

/** How much each signal says on its own (a candidate ranks by its strongest). */
const WEIGHT: Record<MatchSignal['kind'], number> = { associated: 100, email_domain: 90, website_domain: 90, name_exact: 80, sibling_domain: 50, name_fuzzy: 30, same_country: 0 };

export interface AccountCandidate {
  account: Account;
  signals: MatchSignal[];
  /** The strongest signal's weight, raised by 10 where a weak signal has a second one beside it. */
  rank: number;
  /** Why the candidate counts, or why it does not. */
  why: string;
  counts: boolean;
}

export interface AccountMatching {
  match?: AccountCandidate;
  /** Every candidate that counted, best first (the match first). */
  candidates: AccountCandidate[];
  /** Candidates that had a signal that does not count on its own (a fuzzy name alone). */
  notCounted: AccountCandidate[];
  /** What was not looked at, and why ("the email's domain gmail.com is personal"). */
  notes: string[];
  /** One sentence a rep reads. */
  explanation: string;
}

/** What the account index must be asked for a lead: its registrable domains, their stems, its name's key and words. */
export interface AccountLookup {
  companyIds: string[];
  domains: string[];
  stems: string[];
  nameKey?: string;
  nameWords: string[];
}

interface Seen {
  email?: { seen: string; domain: string; stem: string };
  website?: { seen: string; domain: string; stem: string };
  name?: { seen: string; key: string; words: string[] };
  country?: string;
  notes: string[];
}

function see(facts: LeadAccountFacts, rules: AccountRules): Seen {
  const notes: string[] = [];
  const out: Seen = { notes };
  for (const which of ['email', 'website'] as const) {
    const raw = facts[which];
    if (!raw) continue;
    const d = domainFacts(raw);
    const seen = which === 'email' ? (raw.split('@')[1] ?? raw).trim().toLowerCase() : raw.trim().toLowerCase();
    if (!d) {
      notes.push(`the ${which === 'email' ? "email's domain" : 'website'} ${seen} has no registrable domain`);
      continue;
    }
    if (isPersonalDomain(d.domain, rules.personalDomains)) {
      notes.push(`the ${which === 'email' ? "email's domain" : 'website'} ${seen} is a personal address, never matched to a company`);
      continue;
    }
    out[which] = { seen, ...d };
  }
  if (facts.companyName?.trim()) {
    const n = normaliseCompanyName(facts.companyName);
    if (n.key) out.name = { seen: facts.companyName.trim(), key: n.key, words: distinctiveWords(n.words) };
  }
  const country = countryCode(facts.country);
  if (country) out.country = country;
  return out;
}

/** What to ask the account index for this lead (pure: the handler runs the query). */
export function accountLookup(facts: LeadAccountFacts, rules: AccountRules = DEFAULT_ACCOUNT_RULES): AccountLookup {
  const s = see(facts, rules);
  const sites = [s.email, s.website].filter((x) => x !== undefined);
  return {
    companyIds: facts.associatedCompanyId ? [facts.associatedCompanyId] : [],
    domains: [...new Set(sites.map((x) => x.domain))],
    stems: [...new Set(sites.map((x) => x.stem))],
    ...(s.name ? { nameKey: s.name.key } : {}),
    nameWords: s.name?.words ?? [],
  };
}

/**
 * What routing must ask the index for: a lead HubSpot associates with a company belongs to it
 * (its signal outranks every other, so no other candidate can change the match or its reasons),
 * so only that company is asked for; any other lead, what `accountLookup` names.
 */
export function routingLookup(facts: LeadAccountFacts, rules: AccountRules = DEFAULT_ACCOUNT_RULES): AccountLookup {
  if (facts.associatedCompanyId) return { companyIds: [facts.associatedCompanyId], domains: [], stems: [], nameWords: [] };
  return accountLookup(facts, rules);
}

function signalsOf(account: Account, s: Seen, facts: LeadAccountFacts, rules: AccountRules): MatchSignal[] {
  const signals: MatchSignal[] = [];
  if (facts.associatedCompanyId === account.companyId) signals.push({ kind: 'associated' });
  if (s.email && account.domains.includes(s.email.domain)) signals.push({ kind: 'email_domain', seen: s.email.seen, domain: s.email.domain });
  if (s.website && account.domains.includes(s.website.domain)) signals.push({ kind: 'website_domain', seen: s.website.seen, domain: s.website.domain });
  if (!signals.some((x) => x.kind === 'email_domain' || x.kind === 'website_domain')) {
    const sibling = [s.email, s.website].find((x) => x && account.domainStems.includes(x.stem) && !account.domains.includes(x.domain));
    if (sibling) signals.push({ kind: 'sibling_domain', seen: sibling.domain, domain: account.domains.find((d) => d.startsWith(`${sibling.stem}.`)) ?? account.domains[0]! });
  }
  if (s.name && account.nameKey) {
    if (s.name.key === account.nameKey) signals.push({ kind: 'name_exact', seen: s.name.seen });
    else {
      const score = Math.max(token_sort_ratio(s.name.key, account.nameKey), ratio(s.name.key, account.nameKey));
      if (score >= rules.fuzzyNameThreshold) signals.push({ kind: 'name_fuzzy', seen: s.name.seen, score });
    }
  }
  if (s.country && account.country === s.country && signals.length) signals.push({ kind: 'same_country', country: s.country });
  return signals;
}

/** A signal in words: "the email's domain sales.acme.ie is acme.ie". */
export function signalInWords(signal: MatchSignal, account: Pick<Account, 'name'>): string {
  switch (signal.kind) {
    case 'associated':
      return 'HubSpot associates the contact with it';
    case 'email_domain':
      return signal.seen === signal.domain ? `the email's domain is ${signal.domain}` : `the email's domain ${signal.seen} is ${signal.domain}`;
    case 'website_domain':
      return `the contact's website ${signal.seen} is at ${signal.domain}`;
    case 'name_exact':
      return `the company name "${signal.seen}" is "${account.name}"`;
    case 'sibling_domain':
      return `${signal.seen} is a sibling of its domain ${signal.domain}`;
    case 'name_fuzzy':
      return `the company name "${signal.seen}" is close to "${account.name}" (${signal.score}%)`;
    case 'same_country':
      return `both are in ${signal.country === 'IE' ? 'Ireland' : signal.country === 'GB' ? 'the UK' : signal.country}`;
  }
}

function judge(account: Account, signals: MatchSignal[]): AccountCandidate {
  const strongest = Math.max(0, ...signals.map((x) => WEIGHT[x.kind]));
  const kinds = new Set(signals.map((x) => x.kind));
  const words = signals.map((x) => signalInWords(x, account)).join(', and ');
  if (strongest >= WEIGHT.name_exact) return { account, signals, rank: strongest, counts: true, why: words };
  // Weak signals: a sibling country domain counts (more with a second signal beside it); a close
  // name alone could be anyone's, and counts only beside a second one (the same country, a sibling domain).
  const second = signals.length > 1;
  if (kinds.has('sibling_domain')) return { account, signals, rank: WEIGHT.sibling_domain + (second ? 10 : 0), counts: true, why: words };
  if (kinds.has('name_fuzzy') && second) return { account, signals, rank: WEIGHT.name_fuzzy + 10, counts: true, why: words };
  return { account, signals, rank: 0, counts: false, why: `${words}, but a close name alone is not enough` };
}

function tieBreak(rules: AccountRules): (a: AccountCandidate, b: AccountCandidate) => number {
  return (a, b) => {
    if (a.rank !== b.rank) return b.rank - a.rank;
    for (const t of rules.tieBreakers) {
      const d =
        t === 'owned' ? Number(Boolean(b.account.ownerId)) - Number(Boolean(a.account.ownerId)) : t === 'most_contacts' ? b.account.contacts - a.account.contacts : Date.parse(b.account.changedAt) - Date.parse(a.account.changedAt);
      if (d !== 0) return d;
    }
    return a.account.companyId.localeCompare(b.account.companyId, 'en', { numeric: true });
  };
}

const TIE_WORDS: Record<TieBreaker, string> = { owned: 'it has an owner', most_contacts: 'it has the most contacts', recently_changed: 'it changed most recently' };

/** Why the winner beat the next candidate of equal rank (the first tie-breaker that told them apart). */
function settledBy(winner: AccountCandidate, next: AccountCandidate | undefined, rules: AccountRules): string | undefined {
  if (!next || next.rank !== winner.rank) return undefined;
  for (const t of rules.tieBreakers) {
    const differs = t === 'owned' ? Boolean(winner.account.ownerId) !== Boolean(next.account.ownerId) : t === 'most_contacts' ? winner.account.contacts !== next.account.contacts : winner.account.changedAt !== next.account.changedAt;
    if (differs) return `chosen over ${next.account.name} because ${TIE_WORDS[t]}`;
  }
  return `chosen over ${next.account.name} by its lower company id (nothing else told them apart)`;
}

/**
 * The company a lead belongs to, among the candidates the index gave: the associated company when
 * there is one; else the strongest match (registrable email or website domain, exact normalised
 * name; then a sibling country domain, or a close name with a second signal), ties settled by the
 * policy's tie-breakers. Personal and free-mail domains never match.
 */
export function matchAccount(facts: LeadAccountFacts, accounts: readonly Account[], rules: AccountRules = DEFAULT_ACCOUNT_RULES): AccountMatching {
  const s = see(facts, rules);
  const judged = [...new Map(accounts.map((a) => [a.companyId, a])).values()].map((a) => judge(a, signalsOf(a, s, facts, rules))).filter((c) => c.signals.length > 0);
  const counted = judged.filter((c) => c.counts).sort(tieBreak(rules));
  const notCounted = judged.filter((c) => !c.counts);
  const match = counted[0];
  if (!match) {
    const tried = [s.email && `email domain ${s.email.domain}`, s.website && `website ${s.website.domain}`, s.name && `name "${s.name.seen}"`].filter(Boolean).join(', ');
    const why = [tried ? `no company matches the lead's ${tried}` : 'the lead gives no company domain or name to match', ...s.notes, ...notCounted.map((c) => `${c.account.name}: ${c.why}`)].join('; ');
    return { candidates: [], notCounted, notes: s.notes, explanation: `No account: ${why}.` };
  }
  const tie = settledBy(match, counted[1], rules);
  const explanation = `${match.account.name}: ${match.why}${tie ? ` (${tie})` : ''}.`;
  return { match, candidates: counted, notCounted, notes: s.notes, explanation };
}
