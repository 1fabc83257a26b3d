// A company's name as matching compares it: case, accents, punctuation, "&" and "and", a leading
// "The", and the Irish and UK company-type words dropped ("Brennan & Sons Limited" and "Brennan
// and Sons" are one name; so are "O'Brien Engineering Teoranta" and "O'Brien Engineering").

/** Company-type words and phrases, Irish and UK first (and a few others leads write). Longest first. */
const COMPANY_TYPES = [
  'designated activity company',
  'company limited by guarantee',
  'public limited company',
  'unlimited company',
  'limited liability partnership',
  'community interest company',
  'cuideachta ghníomhaíochta ainmnithe',
  'cuideachta phoiblí theoranta',
  'cuideachta faoi theorainn ráthaíochta',
  'cyfyngedig',
  'cwmni buddiant cymunedol',
  'limited',
  'teoranta',
  'ltd',
  'teo',
  'dac',
  'gníomhaíocht ainmnithe',
  'clg',
  'plc',
  'cpt',
  'cpteo',
  'uc',
  'ulc',
  'llp',
  'lp',
  'cic',
  'cyf',
  'ccc',
  'inc',
  'incorporated',
  'llc',
  'gmbh',
  'company',
  'co',
].map((t) => t.normalize('NFD').replace(/\p{Diacritic}/gu, ''));

export interface NormalisedName {
  /** The name as compared: "brennan and sons". Empty when nothing is left. */
  key: string;
  /** Its words, for finding fuzzy candidates. */
  words: string[];
}

/** Normalises a company name (see above); "The Doyle Group Ltd." → "doyle group". */
export function normaliseCompanyName(name: string): NormalisedName {
  let s = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' and ')
    // "O'Brien" is "obrien", "t/a" splits, dots in "Ltd." go.
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // What follows "trading as" is the trading name; before it, the legal one. Keep the legal name.
  s = s.replace(/\s+(t a|trading as)\s+.*$/, '');
  s = s.replace(/^the\s+/, '');
  // Company-type words at the end, however many ("... Holdings Limited Company" keeps "holdings").
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of COMPANY_TYPES) {
      if (s === t) continue;
      if (s.endsWith(` ${t}`)) {
        s = s.slice(0, -t.length - 1).trim();
        changed = true;
      }
    }
  }
  const words = s ? s.split(' ') : [];
  return { key: words.join(' '), words };
}

/** Words too common to find a company by alone (a fuzzy candidate must share a word that is not one of these). */
const COMMON_WORDS = new Set(['and', 'of', 'the', 'group', 'services', 'solutions', 'ireland', 'irish', 'uk', 'international', 'holdings', 'systems', 'consulting', 'technologies', 'technology', 'partners', 'sons', 'software']);

/** The words of a normalised name worth finding candidates by. */
export function distinctiveWords(words: readonly string[]): string[] {
  const kept = words.filter((w) => w.length >= 3 && !COMMON_WORDS.has(w));
  return kept.length ? kept : words.filter((w) => w.length >= 2);
}
