import type { Activity } from 'botbuilder-core';

/** The channels a turn can be previewed on (`bankbot chat --channel`, the web playground). */
export const PREVIEW_CHANNELS = ['console', 'messenger', 'alexa', 'google'] as const;
export type PreviewChannel = (typeof PREVIEW_CHANNELS)[number];

export const isPreviewChannel = (value: string): value is PreviewChannel =>
  (PREVIEW_CHANNELS as readonly string[]).includes(value);

/** Text to show and the SSML it is spoken from. */
export interface Spoken {
  readonly text: string;
  readonly ssml: string;
}

export interface ConsoleTurnView {
  readonly channel: 'console';
  /** The lines the terminal prints. */
  readonly lines: readonly string[];
}

/** A quick reply or postback button: what it shows, and the text Messenger sends back when tapped. */
export interface Tap {
  readonly title: string;
  readonly payload: string;
}

/** One Messenger message: a text bubble, a button template or a generic template (cards). */
export type MessengerBubble = (
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'buttons';
      readonly text: string;
      /** Postback buttons, or the log-in button (no payload: it opens the bank's linking page). */
      readonly buttons: readonly (Tap | { readonly title: string; readonly logIn: true })[];
    }
  | {
      readonly kind: 'cards';
      readonly cards: readonly { readonly title: string; readonly subtitle?: string }[];
    }
) & { readonly quickReplies: readonly Tap[] };

export interface MessengerTurnView {
  readonly channel: 'messenger';
  readonly bubbles: readonly MessengerBubble[];
}

export interface AlexaTurnView {
  readonly channel: 'alexa';
  readonly speech?: Spoken;
  readonly reprompt?: Spoken;
  readonly card?:
    | { readonly kind: 'simple'; readonly title: string; readonly content: string }
    | { readonly kind: 'link-account' };
  readonly sessionEnds: boolean;
}

export interface GoogleTurnView {
  readonly channel: 'google';
  /** Simple responses: display text and speech. */
  readonly bubbles: readonly Spoken[];
  /** A basic card's lines, shown after bubble `afterBubble`. */
  readonly card?: { readonly afterBubble: number; readonly lines: readonly string[] };
  readonly suggestions: readonly string[];
  readonly microphoneOpen: boolean;
  /** Google's account-linking (sign-in) helper is asked for. */
  readonly signIn: boolean;
}

/** What the customer sees or hears of one turn, drawn from the channel's native payload. */
export type TurnView = ConsoleTurnView | MessengerTurnView | AlexaTurnView | GoogleTurnView;

/** One turn as a channel delivers it. */
export interface ChannelPreview {
  /**
   * Exactly what the channel adapter sends for the turn: the Send API bodies (Messenger), the
   * response envelope (Alexa), the Dialogflow WebhookResponse (Google), the printed lines (console).
   */
  readonly native: unknown;
  readonly view: TurnView;
  /** The bot handed the conversation to a person. */
  readonly handoff: boolean;
  /** The platform closes the conversation after this turn (Alexa's session, Google's microphone). */
  readonly ends: boolean;
}

/**
 * Renders what the bot sent during one turn as a channel would, through that channel's own
 * renderers (never a copy of them). Used to show a conversation on any channel without the
 * platform.
 *
 * @example
 * const { native, view } = preview.render('alexa', sentActivities, { recipientId: 'conv-1' });
 * // native: { version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: '<speak>…' }, … } }
 */
export interface ChannelPreviewPort {
  render(
    channel: PreviewChannel,
    sent: readonly Partial<Activity>[],
    options: {
      /** Who the native payload is addressed to where the channel names one (Messenger's PSID). */
      readonly recipientId: string;
    },
  ): ChannelPreview;
}
