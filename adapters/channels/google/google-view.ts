import { renderPhrase, renderText, type RenderOptions } from '../../../bot/render-text.js';
import type { ListItem, Reply } from '../../../bot/reply.js';
import {
  MAX_CARD_LINES,
  MAX_CARD_TEXT,
  MAX_DISPLAY_TEXT,
  MAX_SIMPLE_RESPONSES,
  MAX_SUGGESTION_TITLE,
  MAX_SUGGESTIONS,
  chipTitles,
  clip,
  fitLines,
} from './limits.js';
import { replySsml, speak } from './ssml.js';

/** Markdown line break of Google's card text (two spaces, then a newline). */
export const CARD_LINE_BREAK = '  \n';

/** One chat bubble: what is shown and what is spoken. */
export interface Bubble {
  readonly text: string;
  readonly ssml: string;
}

/**
 * A turn's replies laid out the way Google shows them (both webhook formats share it): at most two
 * bubbles, one card holding the first list, chips from the last reply that offers choices.
 */
export interface GoogleView {
  readonly bubbles: readonly Bubble[];
  /** The card with the first list, shown after bubble `afterBubble`. */
  readonly card?: { readonly afterBubble: number; readonly lines: readonly string[] };
  readonly suggestions: readonly string[];
  readonly expectsInput: boolean;
  readonly linkAccount: boolean;
}

/** A list item as the console shows it: "• title (subtitle)". */
export function itemLine(item: ListItem, options: RenderOptions): string {
  const subtitle = item.subtitle ? ` (${renderPhrase(item.subtitle, options)})` : '';
  return `• ${renderPhrase(item.title, options)}${subtitle}`;
}

export function viewOf(replies: readonly Reply[], options: RenderOptions): GoogleView {
  const cardOwner = replies.findIndex((value) => (value.items ?? []).length > 0);
  const parts = replies.map((value, index) => ({
    // A list that gets no card (only one card fits) stays in its bubble, as bullet lines.
    text: index === cardOwner ? renderPhrase(value.text, options) : renderText(value, options),
    ssml: replySsml(value, options),
  }));
  // Google shows two bubbles at most: everything after the first goes into the second.
  const groups =
    parts.length <= MAX_SIMPLE_RESPONSES ? parts.map((part) => [part]) : [parts.slice(0, 1), parts.slice(1)];
  const bubbles = groups.map((group) => ({
    text: clip(group.map((part) => part.text).join('\n'), MAX_DISPLAY_TEXT),
    ssml: speak(group.map((part) => part.ssml)),
  }));
  const owner = replies[cardOwner];
  const lines = (owner?.items ?? []).map((item) => itemLine(item, options));
  const last = replies.at(-1);
  const expectsInput = last?.expectsInput ?? false;
  const choices = [...replies].reverse().find((value) => (value.choices ?? []).length > 0)?.choices ?? [];
  return {
    bubbles,
    ...(owner
      ? {
          card: {
            afterBubble: Math.min(cardOwner, bubbles.length - 1),
            lines: fitLines(lines, MAX_CARD_LINES, MAX_CARD_TEXT, CARD_LINE_BREAK),
          },
        }
      : {}),
    // Chips are not allowed on a closing response.
    suggestions: expectsInput
      ? chipTitles(
          choices.map((choice) => choice.title),
          MAX_SUGGESTIONS,
          MAX_SUGGESTION_TITLE,
        )
      : [],
    expectsInput,
    linkAccount: replies.some((value) => value.linkAccount === true),
  };
}
