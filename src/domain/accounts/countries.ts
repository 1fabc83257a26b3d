// Countries as leads and companies write them ("Ireland", "ROI", "UK", "England", "IE"), as ISO codes.

const NAMES: Record<string, string> = {
  ireland: 'IE',
  ie: 'IE',
  irl: 'IE',
  'republic of ireland': 'IE',
  eire: 'IE',
  roi: 'IE',
  'united kingdom': 'GB',
  uk: 'GB',
  gb: 'GB',
  gbr: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
};

/** The ISO 3166 alpha-2 code of a country as written; an unknown two-letter code is kept as it is. */
export function countryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLowerCase();
  if (!v) return undefined;
  return NAMES[v] ?? (/^[a-z]{2}$/.test(v) ? v.toUpperCase() : undefined);
}

/** The country-code top-level suffixes of a country (acme.ie is Irish, acme.co.uk British). */
export const COUNTRY_SUFFIXES: Readonly<Record<string, readonly string[]>> = { IE: ['ie'], GB: ['uk', 'co.uk', 'org.uk', 'ltd.uk', 'plc.uk'] };
