import freeEmailDomains from 'free-email-domains';
import { getDomain, parse } from 'tldts';

// Domains as lead-to-account matching reads them: the registrable domain (public-suffix aware:
// sales.acme.ie is acme.ie, shop.acme.co.uk is acme.co.uk), its stem (acme, which acme.ie and
// acme.co.uk share), and whether a domain is personal (free mail), which never matches a company.

/**
 * Irish and UK providers and ISPs whose addresses are personal, beyond the maintained list (which
 * is HubSpot's own blocked list): the policy's `accounts.personalDomains` adds more.
 */
export const IE_UK_PERSONAL_DOMAINS: readonly string[] = [
  'eircom.net',
  'eir.ie',
  'vodafone.ie',
  'upcmail.ie',
  'virginmedia.ie',
  'iol.ie',
  'indigo.ie',
  'esatclear.ie',
  'oceanfree.net',
  'btinternet.com',
  'btopenworld.com',
  'talk21.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'blueyonder.co.uk',
  'tiscali.co.uk',
  'talktalk.net',
  'plus.com',
  'o2.co.uk',
  'orange.net',
  'aol.co.uk',
];

/** The maintained free-mail list and the Irish and UK additions, in one set. */
const PERSONAL: ReadonlySet<string> = new Set([...freeEmailDomains, ...IE_UK_PERSONAL_DOMAINS]);

/** The host a value names: an email's domain, a URL's or a bare domain's host; undefined for none. */
export function hostOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (!v) return undefined;
  const at = v.lastIndexOf('@');
  const raw = at >= 0 ? v.slice(at + 1) : v;
  const host = parse(raw.includes('://') ? raw : `http://${raw}`).hostname ?? undefined;
  return host || undefined;
}

export interface DomainFacts {
  /** The registrable domain: acme.ie for sales.acme.ie. */
  domain: string;
  /** The domain without its public suffix: acme. */
  stem: string;
}

/** The registrable domain and its stem of an email address, URL or domain; undefined when it has none (an IP, "localhost", junk). */
export function domainFacts(value: unknown): DomainFacts | undefined {
  const host = hostOf(value);
  if (!host) return undefined;
  const p = parse(host);
  if (!p.domain || !p.domainWithoutSuffix || p.isIp) return undefined;
  return { domain: p.domain, stem: p.domainWithoutSuffix };
}

/** Whether a domain is personal: on the maintained free-mail list, Handoff's Irish and UK additions, or the policy's. */
export function isPersonalDomain(domain: string, policyAdditions: readonly string[] = []): boolean {
  const d = domain.toLowerCase();
  if (listedPersonal(d, policyAdditions)) return true;
  // Only a domain not listed itself is reduced to its registrable domain (mail.eircom.net is eircom.net).
  const registrable = getDomain(d) ?? d;
  return registrable !== d && listedPersonal(registrable, policyAdditions);
}

/** A module-level function, not a closure: a decision asks this for every lead. */
function listedPersonal(x: string, policyAdditions: readonly string[]): boolean {
  if (PERSONAL.has(x)) return true;
  for (const a of policyAdditions) if (a.toLowerCase() === x) return true;
  return false;
}
