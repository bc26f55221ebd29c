import type { Activity } from 'botbuilder-core';
import { renderPhrase, type RenderOptions } from '../../../bot/render-text.js';
import type { Choice, ListItem, Reply } from '../../../bot/reply.js';
import { formatOf, replyOf } from '../../../bot/turn.js';
import {
  LIMITS,
  type Button,
  type MessageTag,
  type MessagingType,
  type MessengerMessage,
  type QuickReply,
  type SendApiBody,
} from './send-api.js';
import { cut, splitText } from './text-limits.js';
import { withFields } from '../../../bot/objects.js';

/** Locale and zone of the reply, plus what only Messenger needs. */
export interface MessengerRenderOptions extends RenderOptions {
  /** The bank's account-linking page, opened by the log-in button. */
  readonly linkUrl: string;
  /** How a yes/no question is offered: buttons that stay in the thread (default), or quick replies. */
  readonly confirmAs?: 'buttons' | 'quick_replies';
}

/** Rendering options plus the addressing of the Send API bodies. */
export interface SendOptions extends MessengerRenderOptions {
  readonly psid: string;
  readonly messagingType: MessagingType;
  /** With messagingType MESSAGE_TAG. */
  readonly tag?: MessageTag;
  /** Set on every message, returned in its echo. */
  readonly metadata?: string;
}

/** Shown on the log-in button's template when the reply itself is too long to carry it. */
const LINK_PROMPT = 'Link your bank account to continue.';

function payloadOf(choice: Choice): string {
  return cut(choice.value ?? choice.title, LIMITS.payloadChars);
}

function quickReply(choice: Choice): QuickReply {
  return {
    content_type: 'text',
    title: cut(choice.title, LIMITS.quickReplyTitleChars),
    payload: payloadOf(choice),
  };
}

/** Two choices that answer yes and no: a confirmation, shown as buttons that stay in the thread. */
function isConfirmation(choices: readonly Choice[]): boolean {
  const answers = choices.map((choice) => payloadOf(choice).trim().toLowerCase()).sort();
  return answers.length === 2 && answers[0] === 'no' && answers[1] === 'yes';
}

function buttonTemplate(text: string, buttons: readonly Button[]): MessengerMessage {
  return {
    attachment: {
      type: 'template',
      payload: { template_type: 'button', text, buttons: buttons.slice(0, LIMITS.buttons) },
    },
  };
}

function genericTemplate(items: readonly ListItem[], options: RenderOptions): MessengerMessage {
  const elements = items.map((item) => ({
    title: cut(renderPhrase(item.title, options), LIMITS.elementTitleChars),
    ...(item.subtitle
      ? { subtitle: cut(renderPhrase(item.subtitle, options), LIMITS.elementSubtitleChars) }
      : {}),
  }));
  return { attachment: { type: 'template', payload: { template_type: 'generic', elements } } };
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < list.length; start += size) result.push(list.slice(start, start + size));
  return result;
}

function textMessages(text: string): MessengerMessage[] {
  return splitText(text, LIMITS.textChars).map((part) => ({ text: part }));
}

/** Quick replies belong under the last message of the reply (Messenger shows them only there). */
function withQuickReplies(messages: MessengerMessage[], choices: readonly Choice[]): MessengerMessage[] {
  const last = messages.at(-1);
  if (!last || choices.length === 0) return messages;
  const quick_replies = choices.slice(0, LIMITS.quickReplies).map(quickReply);
  return [...messages.slice(0, -1), withFields(last, { quick_replies })];
}

function linkAccount(text: string, url: string): MessengerMessage[] {
  const button: Button = { type: 'account_link', url };
  if (text && text.length <= LIMITS.buttonTemplateTextChars) return [buttonTemplate(text, [button])];
  return [...textMessages(text), buttonTemplate(LINK_PROMPT, [button])];
}

/**
 * One neutral reply as Messenger messages: text (split at 2000 characters), list items as generic
 * templates, a yes/no question as a button template, other choices as quick replies, and the
 * log-in button when the account must be linked. Pure: same reply, same messages.
 */
export function renderReply(value: Reply, options: MessengerRenderOptions): MessengerMessage[] {
  const text = renderPhrase(value.text, options).trim();
  if (value.linkAccount) return linkAccount(text, options.linkUrl);
  const choices = value.choices ?? [];
  const items = value.items ?? [];
  if (
    options.confirmAs !== 'quick_replies' &&
    items.length === 0 &&
    isConfirmation(choices) &&
    text &&
    text.length <= LIMITS.buttonTemplateTextChars
  ) {
    const buttons = choices.map((choice): Button => ({
      type: 'postback',
      title: cut(choice.title, LIMITS.buttonTitleChars),
      payload: payloadOf(choice),
    }));
    return [buttonTemplate(text, buttons)];
  }
  const messages = textMessages(text);
  for (const chunk of chunks(items, LIMITS.genericElements)) messages.push(genericTemplate(chunk, options));
  return withQuickReplies(messages, choices);
}

/** A message without a neutral reply (a plain sentence) as text messages. */
export function renderPlainText(text: string): MessengerMessage[] {
  return textMessages(text);
}

/** Wraps messages into Send API bodies for one customer. */
export function toSendApiBodies(
  messages: readonly MessengerMessage[],
  options: Pick<SendOptions, 'psid' | 'messagingType' | 'tag' | 'metadata'>,
): SendApiBody[] {
  const { tag, metadata } = options;
  return messages.map((message) => ({
    recipient: { id: options.psid },
    messaging_type: options.messagingType,
    ...(tag && options.messagingType === 'MESSAGE_TAG' ? { tag } : {}),
    message: metadata ? withFields(message, { metadata }) : message,
  }));
}

/** The replies of one turn as the Send API bodies Messenger receives, in order. */
export function renderTurn(replies: readonly Reply[], options: SendOptions): SendApiBody[] {
  return toSendApiBodies(
    replies.flatMap((value) => renderReply(value, options)),
    options,
  );
}

/** Addressing and rendering of one outgoing activity; `defaults` format a reply that names no locale. */
export interface ActivitySendOptions extends Pick<
  SendOptions,
  'psid' | 'messagingType' | 'linkUrl' | 'tag' | 'metadata' | 'confirmAs'
> {
  readonly defaults: RenderOptions;
}

/**
 * The Send API bodies for one outgoing message activity: its neutral reply rendered natively, or
 * its plain text (the engine's error sentences). What the adapter posts, in order.
 */
export function renderActivity(activity: Partial<Activity>, options: ActivitySendOptions): SendApiBody[] {
  const neutral = replyOf(activity);
  const format = formatOf(activity, options.defaults);
  const messages = neutral
    ? renderReply(
        neutral,
        withFields(
          format,
          { linkUrl: options.linkUrl },
          options.confirmAs ? { confirmAs: options.confirmAs } : {},
        ),
      )
    : renderPlainText(activity.text ?? '');
  return toSendApiBodies(messages, options);
}
