import { z } from 'zod';
import { CodedError } from '../../../bot/errors.js';

/**
 * A webhook event bankbot acts on. Everything else (echoes, delivery and read receipts, reactions,
 * optins, handover, standby, `changes`) is skipped with a reason.
 */
export type InboundEvent = TurnEvent | LinkingEvent;

interface EventBase {
  readonly psid: string;
  readonly pageId: string;
  /** Meta's event time in ms (0 when absent). */
  readonly timestamp: number;
  /** What identifies a redelivery: the message id, else sender + time + kind; absent when neither exists. */
  readonly deliveryId?: string;
}

/** A message for the bot: typed text, a quick-reply tap or a postback button. */
export interface TurnEvent extends EventBase {
  readonly kind: 'turn';
  readonly text: string;
  /** The tapped button: its payload (what the bot asked for) and the title the customer saw. */
  readonly tapped?: {
    readonly source: 'quick_reply' | 'postback';
    readonly payload: string;
    readonly title?: string;
  };
}

export interface LinkingEvent extends EventBase {
  readonly kind: 'linked' | 'unlinked';
  /** The pass-through code from the bank's linking page: bankbot treats it as an access token. */
  readonly authorizationCode?: string;
}

/** The echo of a message the Page sent: who it went to and the metadata the send set. */
export interface EchoEvent {
  readonly psid: string;
  readonly metadata: string;
}

export interface WebhookRead {
  readonly events: readonly InboundEvent[];
  /** Echoes of sent messages that carried metadata (how sent alerts are confirmed). */
  readonly echoes: readonly EchoEvent[];
  /** Why entries or events were skipped, one reason per skipped item (for logs). */
  readonly skipped: readonly string[];
}

const idValue = z.union([z.string().min(1), z.number()]).transform(String);
// Live deliveries carry numbers; Meta's newer reference pages say every property is a string.
const time = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const envelopeSchema = z.object({ object: z.string(), entry: z.array(z.unknown()) });
const entrySchema = z.object({
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});
const eventSchema = z.object({
  sender: z.object({ id: idValue }),
  recipient: z.object({ id: idValue }),
  timestamp: time.optional(),
  message: z
    .object({
      mid: z.string().optional(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      metadata: z.string().optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
    })
    .optional(),
  postback: z
    .object({ mid: z.string().optional(), title: z.string().optional(), payload: z.string().optional() })
    .optional(),
  account_linking: z.object({ status: z.string(), authorization_code: z.string().optional() }).optional(),
});

type RawEvent = z.infer<typeof eventSchema>;

function deliveryId(raw: RawEvent, kind: string, mid?: string): string | undefined {
  if (mid) return mid;
  return raw.timestamp === undefined ? undefined : `${raw.sender.id}:${raw.timestamp}:${kind}`;
}

function classify(raw: RawEvent): InboundEvent | EchoEvent | string {
  const base = { psid: raw.sender.id, pageId: raw.recipient.id, timestamp: raw.timestamp ?? 0 };
  const { message, postback, account_linking: linking } = raw;
  if (message) {
    // An echo is sent by the Page to the customer: the recipient is the customer.
    if (message.is_echo)
      return message.metadata ? { psid: raw.recipient.id, metadata: message.metadata } : 'echo';
    const id = deliveryId(raw, 'message', message.mid);
    const payload = message.quick_reply?.payload;
    // Quick replies carry the choice's value ("1", "yes"): the answer the dialog asked for.
    const tapped = payload
      ? { source: 'quick_reply' as const, payload, title: message.text ?? '' }
      : undefined;
    return {
      kind: 'turn',
      ...base,
      ...(id ? { deliveryId: id } : {}),
      text: payload ?? message.text ?? '',
      ...(tapped ? { tapped } : {}),
    };
  }
  if (postback) {
    const id = deliveryId(raw, 'postback', postback.mid);
    const payload = postback.payload ?? postback.title ?? '';
    return {
      kind: 'turn',
      ...base,
      ...(id ? { deliveryId: id } : {}),
      text: payload,
      tapped: { source: 'postback', payload, ...(postback.title ? { title: postback.title } : {}) },
    };
  }
  if (linking && (linking.status === 'linked' || linking.status === 'unlinked')) {
    const id = deliveryId(raw, 'account_linking');
    return {
      kind: linking.status,
      ...base,
      ...(id ? { deliveryId: id } : {}),
      ...(linking.authorization_code ? { authorizationCode: linking.authorization_code } : {}),
    };
  }
  return 'unhandled_event';
}

function readEntry(entry: unknown, events: InboundEvent[], echoes: EchoEvent[], skipped: string[]): void {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) return void skipped.push('bad_entry');
  const { messaging, standby, changes } = parsed.data;
  // Standby: another app owns the thread (handover protocol); answering would talk over it.
  if (standby) skipped.push(...standby.map(() => 'standby'));
  if (changes) skipped.push(...changes.map(() => 'changes'));
  if (!messaging && !standby && !changes) skipped.push('unknown_entry');
  for (const item of messaging ?? []) {
    const event = eventSchema.safeParse(item);
    const result = event.success ? classify(event.data) : 'bad_event';
    if (typeof result === 'string') skipped.push(result);
    else if ('metadata' in result) echoes.push(result);
    else events.push(result);
  }
}

/**
 * Reads a verified webhook body: every `entry`, its `messaging` events; never throws on an
 * unknown entry or event, only on a body that is not a webhook envelope (CHANNEL_ERR_BAD_PAYLOAD).
 */
export function readWebhook(body: unknown): WebhookRead {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new CodedError('CHANNEL_ERR_BAD_PAYLOAD');
  const events: InboundEvent[] = [];
  const echoes: EchoEvent[] = [];
  const skipped: string[] = [];
  if (envelope.data.object !== 'page') return { events, echoes, skipped: ['not_page'] };
  for (const entry of envelope.data.entry) readEntry(entry, events, echoes, skipped);
  return { events, echoes, skipped };
}
