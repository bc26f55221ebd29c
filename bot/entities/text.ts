/**
 * Text helpers shared by the entity extractors and the fuzzy matchers. Pure, no locale data.
 */

/** A stretch of the utterance; `end` is exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Lower-cases and folds compatibility forms ("４２" -> "42") without changing the string's length,
 * so recogniser offsets still point into the original text. A character whose folded form has
 * another length ("İ", "ﬁ") is kept as is when that fits, else becomes spaces.
 */
export function lowerSameLength(text: string): string {
  if (/^\p{ASCII}*$/u.test(text)) return text.toLowerCase(); // the common case, fast
  let out = '';
  for (const char of text) {
    const folded = char.normalize('NFKC').toLowerCase();
    const lower = char.toLowerCase();
    if (folded.length === char.length) out += folded;
    else out += lower.length === char.length ? lower : ' '.repeat(char.length);
  }
  return out;
}

/** Lower case, accents removed, apostrophes dropped ("Joe's Café" -> "joes cafe"). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '');
}

/** Folded words: letters and digits only ("AMZN Mktp US*2K3" -> ["amzn", "mktp", "us", "2k3"]). */
export function tokenize(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** Index of the first token where `phrase` (folded words) occurs in `tokens`, or -1. */
export function indexOfPhrase(tokens: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}
