/**
 * Optimal-string-alignment distance (Damerau-Levenshtein where each substring is edited once):
 * insertions, deletions, substitutions and swaps of two neighbouring letters cost 1, so the
 * typical typo "strabucks" is one edit from "starbucks". Gives up early: returns `max + 1` as soon
 * as the distance must exceed `max`, which keeps matching a few hundred merchants cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** How many typos a word of this length may carry and still count: none below 4 letters. */
export function allowedEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Similarity of what the customer typed to a known word, 0..1: 1 when equal, about 0.9 for one
 * typo, 0 when further away than `allowedEdits` of the known word permits.
 */
export function typoSimilarity(typed: string, known: string): number {
  if (typed === known) return 1;
  const max = allowedEdits(known.length);
  if (max === 0) return 0;
  const distance = editDistance(typed, known, max);
  return distance > max ? 0 : 1 - distance / (2 * Math.max(typed.length, known.length));
}
