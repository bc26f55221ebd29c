/**
 * Google's documented limits for what bankbot renders. Actions on Google rich responses: at most two
 * simple responses, at most one basic card, at most eight suggestion chips; chat bubbles are cut at
 * 640 characters; a basic card without an image shows at most 15 lines (about 750 characters).
 * Source: developers.google.com/assistant/df-asdk/rich-responses and .../conversational/prompts-simple.
 */
export const MAX_SIMPLE_RESPONSES = 2;
export const MAX_DISPLAY_TEXT = 640;
export const MAX_SUGGESTIONS = 8;
export const MAX_SUGGESTION_TITLE = 25;
export const MAX_CARD_LINES = 15;
export const MAX_CARD_TEXT = 750;
/** Items read aloud after a list's sentence; the screen shows the card. */
export const MAX_SPOKEN_ITEMS = 10;
/**
 * Generic Dialogflow messages are drawn by the integration (Messenger, Telegram, ...); these are the
 * strictest common limits (Messenger: 13 quick replies of 20 characters, 10 generic elements).
 */
export const MAX_QUICK_REPLIES = 13;
export const MAX_QUICK_REPLY_TITLE = 20;
export const MAX_GENERIC_CARDS = 10;
/** Longest utterance handed to the NLU (Dialogflow itself accepts 256 characters). */
export const MAX_QUERY_TEXT = 512;

/** Cuts text to `max` characters, at a word break when there is one, marking the cut with '…'. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}

/**
 * Lines that fit a card: at most `maxLines` lines and `maxChars` characters once joined by
 * `separator`; what does not fit is counted on a last "+ N more" line.
 */
export function fitLines(
  lines: readonly string[],
  maxLines: number,
  maxChars: number,
  separator: string,
): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const reserve = rest > 0 ? separator.length + `+ ${lines.length} more`.length : 0;
    const piece = clip(line, maxChars);
    const cost = (kept.length > 0 ? separator.length : 0) + piece.length;
    if (kept.length + (rest > 0 ? 2 : 1) > maxLines || used + cost + reserve > maxChars) {
      kept.push(`+ ${lines.length - index} more`);
      return kept;
    }
    kept.push(piece);
    used += cost;
  }
  return kept;
}

/** Distinct chip titles within Google's count and length limits. */
export function chipTitles(titles: readonly string[], max: number, maxTitle: number): string[] {
  return [...new Set(titles.map((title) => clip(title.trim(), maxTitle)).filter(Boolean))].slice(0, max);
}
