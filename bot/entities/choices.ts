import type { NumberHit, OrdinalHit } from './recognizers.js';
import { foldText, type Span } from './text.js';

/** Positions counted from the end, returned as negative ordinals: "last" -1, "penultimate" -2. */
const FROM_END = new Map([
  ['last', -1],
  ['ultimo', -1],
  ['ultima', -1],
  ['penultimate', -2],
  ['penultimo', -2],
  ['penultima', -2],
]);

/** Ordinals relative to something else ("the next one"): not a position in a list. */
const RELATIVE = /^(next|previous|prev|following|current|siguiente|anterior|proxim[oa]|actual)\b/;

/**
 * "one" is nearly always a pronoun or an article in chat ("the one at Tesco", "one moment",
 * "un momento"): it is the number 1 only on its own or after a word like "number".
 */
const ONE = new Set(['one', 'uno', 'una', 'un']);
const NUMBER_WORDS = new Set(['number', 'option', 'choice', 'no', 'numero', 'opcion']);

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * The first ordinal that is not part of a date or an amount. "the second one" is 2, "first" 1;
 * positions from the end are negative: "the last one" is -1, "second to last" -2.
 */
export function chooseOrdinal(
  prepared: string,
  ordinals: readonly OrdinalHit[],
  taken: readonly Span[],
): number | undefined {
  for (const ordinal of ordinals) {
    if (taken.some((span) => overlaps(span, ordinal))) continue;
    const word = foldText(prepared.slice(ordinal.start, ordinal.end));
    if (ordinal.value === 0) {
      const fromEnd = FROM_END.get(word);
      if (fromEnd !== undefined) return fromEnd;
      continue;
    }
    if (ordinal.value < 0 || RELATIVE.test(word)) continue;
    const toLast = /^\s+(?:to|from)\s+(?:the\s+)?last(?![\p{L}\p{N}])/u.test(prepared.slice(ordinal.end));
    return toLast ? -ordinal.value : ordinal.value;
  }
  return undefined;
}

/**
 * Numbers that stand on their own: not inside an amount, a date or an ordinal ("twenty first"),
 * and not the pronoun "one" ("the second one", "that one", "one moment").
 */
export function plainNumbers(
  prepared: string,
  numbers: readonly NumberHit[],
  ordinals: readonly OrdinalHit[],
  taken: readonly Span[],
): number[] {
  return numbers.flatMap((hit) => {
    if (taken.some((span) => overlaps(span, hit)) || ordinals.some((ordinal) => overlaps(ordinal, hit)))
      return [];
    if (ONE.has(foldText(prepared.slice(hit.start, hit.end)))) {
      const alone = /^[\s\p{P}]*$/u.test(prepared.slice(0, hit.start) + prepared.slice(hit.end));
      const previous = /(\p{L}+)[\s\p{P}]*$/u.exec(foldText(prepared.slice(0, hit.start)))?.[1];
      if (!alone && !(previous !== undefined && NUMBER_WORDS.has(previous))) return [];
    }
    const value = Number(hit.value);
    return Number.isFinite(value) ? [value] : [];
  });
}
