import type { Region } from '../policy/calendar.schema.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { readField, type Lead } from '../lead.js';
import { toNumber } from '../qualification/evaluateCondition.js';

/** Where a lead is, as territories need it: country, UK nation / IE, county, postcode. */
export interface LeadLocation {
  country?: string;
  region?: Region;
  county?: string;
  postcode?: string;
}

const IE_NAMES = ['ireland', 'ie', 'republic of ireland', 'éire', 'eire', 'roi'];
const UK_NAMES = ['united kingdom', 'uk', 'gb', 'great britain'];
const NATIONS: Record<string, Region> = { england: 'GB-ENG', scotland: 'GB-SCT', wales: 'GB-WLS', 'northern ireland': 'GB-NIR' };
// Postcode areas wholly in Scotland / Wales / Northern Ireland (Royal Mail areas); the rest of the UK is England.
const SCOTTISH_AREAS = ['AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'TD', 'ZE'];
const WELSH_AREAS = ['CF', 'LD', 'LL', 'NP', 'SA'];

const clean = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function postcodeArea(postcode: string): string {
  return /^[A-Z]{1,2}/.exec(postcode.toUpperCase())?.[0] ?? '';
}

export function normaliseCounty(county: string): string {
  return county.replace(/^(co\.?|county)\s+/i, '').trim().toLowerCase();
}

export function locateLead(lead: Lead): LeadLocation {
  const country = clean(readField(lead, 'contact.country')) || clean(readField(lead, 'company.country'));
  const county = clean(readField(lead, 'contact.state')) || clean(readField(lead, 'company.state'));
  const postcode = (clean(readField(lead, 'contact.zip')) || clean(readField(lead, 'company.zip'))).toUpperCase();
  const loc: LeadLocation = {};
  if (country) loc.country = country;
  if (county) loc.county = county;
  if (postcode) loc.postcode = postcode;

  const c = country.toLowerCase();
  const nation = NATIONS[c] ?? NATIONS[county.toLowerCase()];
  if (IE_NAMES.includes(c)) loc.region = 'IE';
  else if (nation) loc.region = nation;
  else if (UK_NAMES.includes(c)) {
    const area = postcodeArea(postcode);
    if (area === 'BT') loc.region = 'GB-NIR';
    else if (SCOTTISH_AREAS.includes(area)) loc.region = 'GB-SCT';
    else if (WELSH_AREAS.includes(area)) loc.region = 'GB-WLS';
    else loc.region = 'GB-ENG';
  }
  return loc;
}

/** The policy's size band for the lead's company, from company.numberofemployees. */
export function sizeBandOf(lead: Lead, policy: HandoffPolicy): string | undefined {
  const n = toNumber(readField(lead, 'company.numberofemployees'));
  if (n === undefined) return undefined;
  return policy.routing.sizeBands.find((b) => n >= b.min && (b.max === undefined || n <= b.max))?.id;
}
