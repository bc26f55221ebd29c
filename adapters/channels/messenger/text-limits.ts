const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A cut end that never separates the two halves of an astral character (emoji). */
function safeEnd(text: string, end: number): number {
  return end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end;
}

/** `text` within `max` UTF-16 units, with an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeEnd(text, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** Break points in order of preference: paragraph, line, sentence (the period kept), word. */
const BREAKS: readonly (readonly [separator: string, keep: number])[] = [
  ['\n\n', 0],
  ['\n', 0],
  ['. ', 1],
  [' ', 0],
];

function breakAt(text: string, max: number): { end: number; next: number } {
  for (const [separator, keep] of BREAKS) {
    const at = text.lastIndexOf(separator, max - keep);
    // A break in the first half would leave a stub message; a hard cut reads better than that.
    if (at >= max / 2) return { end: at + keep, next: at + separator.length };
  }
  const end = safeEnd(text, max);
  return { end, next: end };
}

/**
 * Splits `text` into messages of at most `max` UTF-16 units, at the best break in each window,
 * so no sentence is lost to a platform limit.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const { end, next } = breakAt(rest, max);
    parts.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(next).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
