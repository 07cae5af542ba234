// Forgiving name matching, as people type names during a meeting: hamza forms (أ إ آ ٱ → ا),
// ta marbuta (ة → ه), alef maqsura (ى → ي), hamza on waw and ya, diacritics, tatweel, case,
// Latin accents, Arabic-Indic digits, and the article "ال" at the start of any word.
// Stored text is never changed: this is only for comparing.

const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
const LATIN_ACCENTS = /[\u0300-\u036f]/g;

/** Folds text for comparison (the same folding as the backend's `fold_for_match`). */
export function foldForMatch(s: string): string {
  return s
    .normalize('NFD')
    .replace(LATIN_ACCENTS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[\s\-\u200e\u200f]+/g, ' ')
    .trim();
}

/** The words of a folded text with the article "ال" taken off each ("الزنيبر" → "زنيبر"). */
export function matchWords(s: string): string[] {
  return foldForMatch(s)
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w) => (w.startsWith('ال') && w.length > 3 ? w.slice(2) : w));
}

/**
 * A name as the backend compares two names (`mahdar_import::same_name`): folded, and the article
 * taken off each word, with a "و" before it ("الزنيبر" → "زنيبر", "والوزيرة" → "وزيره").
 */
export function nameKey(s: string): string {
  return foldForMatch(s)
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w) => {
      const word = w.startsWith('وال') ? w.slice(1) : w;
      return word.startsWith('ال') && Array.from(word).length >= 4 ? word.slice(2) : word;
    })
    .join(' ');
}

/** Two spellings of the same name ("الوزيرة" and "الوزيره", "الأنصاري" and "أنصاري"). */
export function sameName(a: string, b: string): boolean {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b);
}

/**
 * How well `names` answer `query`: 0 = a name starts with it, 1 = every word of the query
 * starts a word of one name, 2 = a name contains it; null = no match. Lower is better.
 */
export function matchRank(query: string, names: readonly (string | null | undefined)[]): number | null {
  const q = foldForMatch(query);
  if (q === '') return null;
  const qWords = matchWords(query);
  let best: number | null = null;
  for (const name of names) {
    if (!name) continue;
    const folded = foldForMatch(name);
    const words = matchWords(name);
    let rank: number | null = null;
    if (folded.startsWith(q) || words.join(' ').startsWith(qWords.join(' '))) rank = 0;
    else if (qWords.length > 0 && qWords.every((qw) => words.some((w) => w.startsWith(qw)))) rank = 1;
    else if (folded.includes(q) || words.join(' ').includes(qWords.join(' '))) rank = 2;
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

/** The items whose names match `query`, best first (stable among equals). */
export function filterByName<T>(
  query: string,
  items: readonly T[],
  names: (item: T) => readonly (string | null | undefined)[],
): T[] {
  const ranked: { item: T; rank: number; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = matchRank(query, names(item));
    if (rank !== null) ranked.push({ item, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.map((r) => r.item);
}
