import type { RenderOptions } from '../../../bot/render-text.js';
import type { Reply } from '../../../bot/reply.js';
import { CARD_LINE_BREAK, viewOf, type Bubble } from './google-view.js';

interface Simple {
  readonly speech: string;
  readonly text: string;
}

/** Actions Builder HandlerResponse, as bankbot fills it. */
export interface HandlerResponse {
  readonly prompt: {
    readonly override: false;
    readonly firstSimple?: Simple;
    readonly lastSimple?: Simple;
    readonly content?: { readonly card: { readonly text: string } };
    readonly suggestions?: readonly { title: string }[];
  };
  readonly session: { readonly id: string; readonly params: Readonly<Record<string, never>> };
  readonly scene?: {
    readonly name: string;
    readonly slots: Readonly<Record<string, never>>;
    readonly next: { readonly name: string };
  };
}

export const END_CONVERSATION = 'actions.scene.END_CONVERSATION';
/** The scene an Actions project builds from the AccountLinking system scene type, under this name. */
export const ACCOUNT_LINKING_SCENE = 'AccountLinking';

const simple = (bubble: Bubble): Simple => ({ speech: bubble.ssml, text: bubble.text });

/**
 * A turn's replies as an Actions Builder HandlerResponse: first and last simple prompts, a card for
 * the first list, chips; the conversation ends (or goes to account linking) when no answer is expected.
 */
export function renderHandlerResponse(
  replies: readonly Reply[],
  options: RenderOptions,
  where: { readonly sessionId: string; readonly scene?: string },
): HandlerResponse {
  const view = viewOf(replies, options);
  const [first, last] = view.bubbles;
  const next = view.linkAccount ? ACCOUNT_LINKING_SCENE : view.expectsInput ? undefined : END_CONVERSATION;
  return {
    prompt: {
      override: false,
      ...(first ? { firstSimple: simple(first) } : {}),
      ...(last ? { lastSimple: simple(last) } : {}),
      ...(view.card ? { content: { card: { text: view.card.lines.join(CARD_LINE_BREAK) } } } : {}),
      ...(view.suggestions.length > 0 ? { suggestions: view.suggestions.map((title) => ({ title })) } : {}),
    },
    session: { id: where.sessionId, params: {} },
    ...(next ? { scene: { name: where.scene ?? '', slots: {}, next: { name: next } } } : {}),
  };
}
