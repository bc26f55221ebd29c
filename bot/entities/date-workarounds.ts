import type { Language } from './culture.js';

/**
 * Rewrites phrasings that recognizers-text 1.3 resolves wrongly into equivalent ones it gets
 * right, keeping every offset unchanged (same length, padded with spaces):
 * - Spanish "la semana pasada", "el mes pasado", "el año anterior" come back as the current
 *   month with no timex, while "la pasada semana" / "el pasado mes" resolve correctly.
 * - English "last fortnight" comes back the same broken way; "last two weeks" resolves.
 * The recogniser still does the date work; this only reorders words.
 */
const SPANISH_POSTFIX =
  /(?<![\p{L}\p{N}])(fin de semana|semana|mes|año|trimestre)(\s+)(pasad[oa]|anterior)(?![\p{L}\p{N}])/gu;
const FORTNIGHT = /(?<![\p{L}\p{N}])fortnight(?![\p{L}\p{N}])/gu;

/** `prepared` is the lower-cased utterance; the result has the same length. */
export function rewriteForDates(prepared: string, language: Language): string {
  if (language === 'es') {
    return prepared.replace(SPANISH_POSTFIX, (match, unit: string) => {
      const modifier = unit === 'semana' ? 'pasada' : 'pasado';
      // Padding goes between the words so the recognised phrase still ends where the original did.
      return `${modifier}${' '.repeat(match.length - modifier.length - unit.length)}${unit}`;
    });
  }
  return prepared.replace(FORTNIGHT, 'two weeks');
}
