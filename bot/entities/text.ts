/**
 * Text helpers shared by the entity extractors and the fuzzy matchers. Pure, no locale data.
 */

/**
 * Lower-cases without changing the string's length, so recogniser offsets still point into the
 * original text. Characters whose lower case is longer or shorter ("İ") become spaces.
 */
export function lowerSameLength(text: string): string {
  const lowered = text.toLowerCase();
  if (lowered.length === text.length) return lowered;
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : ' '.repeat(char.length);
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
