/**
 * The Messenger Send API request body (POST /{version}/me/messages), as much of it as bankbot
 * sends. Shapes follow Meta's Send API reference and its Postman collection
 * (test/fixtures/channels/messenger/send-api.*.request.json).
 */

/** Meta's documented limits; the renderer cuts or splits to stay within them. */
export const LIMITS = {
  /** Characters in a text message. */
  textChars: 2000,
  /** Quick replies on one message. */
  quickReplies: 13,
  quickReplyTitleChars: 20,
  /** Quick-reply and postback payloads. */
  payloadChars: 1000,
  /** Elements in one generic template (carousel). */
  genericElements: 10,
  elementTitleChars: 80,
  elementSubtitleChars: 80,
  /** Buttons in one button template. */
  buttons: 3,
  buttonTemplateTextChars: 640,
  buttonTitleChars: 20,
} as const;

/**
 * RESPONSE answers a customer's message (and, for alerts, a push inside the 24-hour window);
 * UPDATE is a message the bot starts (continued conversations); MESSAGE_TAG, with a tag, is a
 * push outside the window.
 */
export type MessagingType = 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';

/** The one message tag bankbot uses: a non-recurring change to the customer's account (fraud alerts). */
export type MessageTag = 'ACCOUNT_UPDATE';

export interface QuickReply {
  readonly content_type: 'text';
  readonly title: string;
  readonly payload: string;
}

export interface PostbackButton {
  readonly type: 'postback';
  readonly title: string;
  readonly payload: string;
}

/** Messenger's log-in button: opens the bank's account-linking page. */
export interface AccountLinkButton {
  readonly type: 'account_link';
  readonly url: string;
}

export type Button = PostbackButton | AccountLinkButton;

export interface GenericElement {
  readonly title: string;
  readonly subtitle?: string;
}

export type TemplatePayload =
  | { readonly template_type: 'generic'; readonly elements: readonly GenericElement[] }
  | { readonly template_type: 'button'; readonly text: string; readonly buttons: readonly Button[] };

export interface TemplateAttachment {
  readonly type: 'template';
  readonly payload: TemplatePayload;
}

/** A text bubble or a template, optionally with quick replies under it. */
export type MessengerMessage = (
  | { readonly text: string; readonly quick_replies?: readonly QuickReply[] }
  | { readonly attachment: TemplateAttachment; readonly quick_replies?: readonly QuickReply[] }
) & {
  /** Returned in the message's echo webhook: how a sent alert is recognised (`bankbot-alert:<id>`). */
  readonly metadata?: string;
};

export interface SendApiBody {
  /** The customer's page-scoped id (PSID). */
  readonly recipient: { readonly id: string };
  readonly messaging_type: MessagingType;
  /** Only with messaging_type MESSAGE_TAG. */
  readonly tag?: MessageTag;
  readonly message: MessengerMessage;
}
