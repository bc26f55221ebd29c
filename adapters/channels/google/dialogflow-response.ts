import { renderPhrase, renderText, type RenderOptions } from '../../../bot/render-text.js';
import type { Reply } from '../../../bot/reply.js';
import { CARD_LINE_BREAK, viewOf } from './google-view.js';
import { MAX_GENERIC_CARDS, MAX_QUICK_REPLIES, MAX_QUICK_REPLY_TITLE, chipTitles } from './limits.js';

/** A generic Dialogflow ES message (drawn by the agent's integration) or a custom payload. */
export type FulfillmentMessage =
  | { readonly text: { readonly text: readonly string[] } }
  | { readonly card: { readonly title: string; readonly subtitle?: string } }
  | { readonly quickReplies: { readonly quickReplies: readonly string[] } }
  | { readonly payload: Readonly<Record<string, unknown>> };

export type RichItem =
  | { readonly simpleResponse: { readonly ssml: string; readonly displayText: string } }
  | { readonly basicCard: { readonly formattedText: string } };

/** The legacy Actions on Google payload (Dialogflow's Google Assistant integration). */
export interface GooglePayload {
  readonly expectUserResponse: boolean;
  readonly richResponse: {
    readonly items: readonly RichItem[];
    readonly suggestions?: readonly { title: string }[];
  };
  readonly systemIntent?: { readonly intent: string; readonly data: Readonly<Record<string, string>> };
}

/** Dialogflow ES v2 WebhookResponse, as bankbot fills it. */
export interface WebhookResponse {
  readonly fulfillmentText?: string;
  readonly fulfillmentMessages?: readonly FulfillmentMessage[];
  readonly payload?: { readonly google: GooglePayload };
}

/** What the contact centre is told when the bot hands over (intent codes only). */
export interface HandoffNote {
  readonly reason: string;
  readonly topics: readonly string[];
}

export const SIGN_IN_INTENT = 'actions.intent.SIGN_IN';
/** Completes Google's "To ..., I need to link your account" prompt. */
export const SIGN_IN_CONTEXT = 'To help with your bank accounts';

function genericMessages(value: Reply, options: RenderOptions): FulfillmentMessage[] {
  const items = value.items ?? [];
  const cards = items.slice(0, MAX_GENERIC_CARDS).map((item) => ({
    card: {
      title: renderPhrase(item.title, options),
      ...(item.subtitle ? { subtitle: renderPhrase(item.subtitle, options) } : {}),
    },
  }));
  const more = items.length - cards.length;
  const choices = chipTitles(
    (value.choices ?? []).map((choice) => choice.title),
    MAX_QUICK_REPLIES,
    MAX_QUICK_REPLY_TITLE,
  );
  return [
    { text: { text: [renderPhrase(value.text, options)] } },
    ...cards,
    ...(more > 0 ? [{ text: { text: [`+ ${more} more`] } }] : []),
    ...(choices.length > 0 ? [{ quickReplies: { quickReplies: choices } }] : []),
  ];
}

function googlePayload(replies: readonly Reply[], options: RenderOptions): GooglePayload {
  const view = viewOf(replies, options);
  const items: RichItem[] = [];
  view.bubbles.forEach((bubble, index) => {
    items.push({ simpleResponse: { ssml: bubble.ssml, displayText: bubble.text } });
    if (view.card?.afterBubble === index)
      items.push({ basicCard: { formattedText: view.card.lines.join(CARD_LINE_BREAK) } });
  });
  return {
    // The sign-in helper is a question: Google needs the microphone open for it.
    expectUserResponse: view.expectsInput || view.linkAccount,
    richResponse: {
      items,
      ...(view.suggestions.length > 0 ? { suggestions: view.suggestions.map((title) => ({ title })) } : {}),
    },
    ...(view.linkAccount
      ? {
          systemIntent: {
            intent: SIGN_IN_INTENT,
            data: {
              '@type': 'type.googleapis.com/google.actions.v2.SignInValueSpec',
              optContext: SIGN_IN_CONTEXT,
            },
          },
        }
      : {}),
  };
}

/**
 * A turn's replies as a Dialogflow ES WebhookResponse: `fulfillmentText` for text-only clients,
 * generic `fulfillmentMessages` for the agent's integrations and `payload.google` for the Assistant
 * format. No replies gives `{}`, so Dialogflow answers with the intent's own responses.
 */
export function renderWebhookResponse(
  replies: readonly Reply[],
  options: RenderOptions,
  handoff?: HandoffNote,
): WebhookResponse {
  if (replies.length === 0 && !handoff) return {};
  const handoffMessage: FulfillmentMessage[] = handoff
    ? [
        {
          payload: {
            liveAgentHandoff: true,
            handoff: { reason: handoff.reason, topics: [...handoff.topics] },
          },
        },
      ]
    : [];
  return {
    fulfillmentText: replies.map((value) => renderText(value, options)).join('\n'),
    fulfillmentMessages: [...replies.flatMap((value) => genericMessages(value, options)), ...handoffMessage],
    ...(replies.length > 0 ? { payload: { google: googlePayload(replies, options) } } : {}),
  };
}
