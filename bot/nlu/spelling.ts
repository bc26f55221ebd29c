/** Words shorter than this are left alone: too many real words lie one edit from "cad". */
const MIN_LENGTH = 4;

/** True when `a` becomes `b` by one deletion, insertion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const deletions = (word: string): string[] =>
  Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));

/** Maps a word it does not know to the most frequent known word one edit away, if any. */
export type Speller = (word: string) => string | undefined;

/**
 * A symmetric-delete speller (SymSpell's idea): every known word is indexed under itself and its
 * one-letter deletions, so a misspelling finds its candidates with a handful of map lookups
 * instead of trying every letter at every place. `frequency` ranks candidates: the most common wins.
 */
export function createSpeller(words: readonly string[], frequency: (word: string) => number): Speller {
  const known = new Set(words);
  const index = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_LENGTH - 1) continue;
    for (const key of [word, ...deletions(word)]) index.set(key, [...(index.get(key) ?? []), word]);
  }
  return (word) => {
    if (word.length < MIN_LENGTH || known.has(word)) return undefined;
    const candidates = new Set([word, ...deletions(word)].flatMap((key) => index.get(key) ?? []));
    let best: string | undefined;
    for (const candidate of candidates) {
      if (!withinOneEdit(word, candidate)) continue;
      const better =
        best === undefined ||
        frequency(candidate) > frequency(best) ||
        (frequency(candidate) === frequency(best) && candidate < best);
      if (better) best = candidate;
    }
    return best;
  };
}
