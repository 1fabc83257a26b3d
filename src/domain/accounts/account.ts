import { normaliseCompanyName, distinctiveWords } from './companyName.js';
import { domainFacts } from './domains.js';
import { countryCode } from './countries.js';
import { toEpochMs } from '../hubspotDate.js';

/** A company as the account index holds it and matching reads it. */
export interface Account {
  companyId: string;
  name: string;
  /** The normalised name (normaliseCompanyName). */
  nameKey: string;
  nameWords: string[];
  /** Registrable domains of its domain and website. */
  domains: string[];
  /** Those domains' stems (acme for acme.ie). */
  domainStems: string[];
  ownerId?: string;
  /** ISO 3166 alpha-2 (IE, GB) when the company's country is known. */
  country?: string;
  size?: number;
  /** How many contacts HubSpot associates with it. */
  contacts: number;
  /** When HubSpot last changed it (ISO). */
  changedAt: string;
}

/** The company properties people edit that matching reads: a change to one refreshes the company's entry. */
export const ACCOUNT_FIELDS = ['name', 'domain', 'website', 'hubspot_owner_id', 'country', 'numberofemployees'] as const;

/** The company properties the account index reads from HubSpot: those, and what HubSpot calculates. */
export const ACCOUNT_PROPERTIES = [...ACCOUNT_FIELDS, 'num_associated_contacts', 'hs_lastmodifieddate', 'lastmodifieddate'] as const;

/** A HubSpot company (its properties as HubSpot returns them) as an index entry. */
export function accountOf(companyId: string, p: Readonly<Record<string, string | undefined>>, updatedAt?: string): Account {
  const name = (p.name ?? '').trim();
  const { key, words } = normaliseCompanyName(name);
  const facts = [p.domain, p.website].map(domainFacts).filter((f) => f !== undefined);
  const size = Number(p.numberofemployees);
  const contacts = Number(p.num_associated_contacts);
  const changed = updatedAt ?? p.hs_lastmodifieddate ?? p.lastmodifieddate;
  const country = countryCode(p.country);
  return {
    companyId,
    name: name || `Company ${companyId}`,
    nameKey: key,
    nameWords: distinctiveWords(words),
    domains: [...new Set(facts.map((f) => f.domain))],
    domainStems: [...new Set(facts.map((f) => f.stem))],
    ...(p.hubspot_owner_id ? { ownerId: p.hubspot_owner_id } : {}),
    ...(country ? { country } : {}),
    ...(p.numberofemployees && Number.isFinite(size) ? { size } : {}),
    contacts: Number.isFinite(contacts) ? contacts : 0,
    changedAt: new Date(toEpochMs(changed) ?? 0).toISOString(),
  };
}
