import type { Span } from './text.js';

/** Context the currency model sees either side of a number: "usd 42", "42 dollars and 5 cents". */
const CURRENCY_CONTEXT = { before: 12, after: 24, snap: 12 } as const;
/** Nobody names more amounts than this in one message; text like "1$ 2$ 3$..." must not cost seconds. */
const MAX_CURRENCY_NUMBERS = 4;

/**
 * Where the currency model should look: a few words around each of the first few numbers, as
 * merged windows. Every currency contains a number, and the model slows down sharply with length
 * and with symbols.
 */
export function currencyWindows(text: string, numbers: readonly Span[]): Span[] {
  const isSpace = (index: number): boolean => /\s/.test(text[index] ?? ' ');
  const windows = numbers
    .slice(0, MAX_CURRENCY_NUMBERS)
    .map((span) => {
      let start = Math.max(0, span.start - CURRENCY_CONTEXT.before);
      let end = Math.min(text.length, span.end + CURRENCY_CONTEXT.after);
      // Whole words, but a bounded walk: digit soup has no spaces to stop at.
      for (let n = 0; n < CURRENCY_CONTEXT.snap && start > 0 && !isSpace(start - 1); n++) start--;
      for (let n = 0; n < CURRENCY_CONTEXT.snap && end < text.length && !isSpace(end); n++) end++;
      return { start, end };
    })
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last !== undefined && window.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, window.end) };
    } else {
      merged.push(window);
    }
  }
  return merged;
}
