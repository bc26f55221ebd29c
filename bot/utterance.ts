/**
 * The longest utterance the NLU reads, in UTF-16 code units. Customers' questions are far shorter;
 * a message pasted from elsewhere is read up to here (entity extraction reads less still).
 */
export const MAX_UTTERANCE_CHARS = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Invisible format characters: bidi overrides and isolates, zero-width characters, soft hyphens. */
const FORMAT = /\p{Cf}/gu;
/** Control characters (tabs and newlines included) and every kind of Unicode space. */
const SPACE = /[\p{Cc}\p{Z}]+/gu;

/** Cuts at `max` code units, never between the two halves of a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

/**
 * What the NLU reads of a customer's message: well-formed Unicode in compatibility form (full-width
 * letters become ASCII), invisible format characters removed, controls and runs of spaces as one
 * space, trimmed, at most MAX_UTTERANCE_CHARS long. Idempotent.
 *
 * @example
 * cleanUtterance('  ｂａｌａｎｃｅ\u202E?\n'); // 'balance?'
 */
export function cleanUtterance(text: string): string {
  // Clip first so hostile megabytes cost nothing; NFKC can lengthen text, so clip again after.
  const wellFormed = clip(text, MAX_UTTERANCE_CHARS * 4).replace(LONE_SURROGATE, '\uFFFD');
  // Format characters go before normalising (they would block composition) and after.
  const normalised = wellFormed
    .replace(FORMAT, '')
    .normalize('NFKC')
    .replace(FORMAT, '')
    .replace(SPACE, ' ')
    .trim();
  return clip(normalised, MAX_UTTERANCE_CHARS).trimEnd();
}
