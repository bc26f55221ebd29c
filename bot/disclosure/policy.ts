import type { TurnContext } from 'botbuilder-core';
import type { Config } from '../config.js';
import type { Sensitivity } from '../reply.js';

/**
 * How amounts and transaction details (the `balance` and `transaction` classes) reach the customer:
 * - `show`: as the dialog wrote them;
 * - `step-up`: only once the conversation holds a verified step-up (voice PIN or one-time code),
 *   otherwise as `fallback` says;
 * - `card`: never spoken; shown on the card or screen beside the voice (Alexa app, Google display);
 * - `app`: neither spoken nor shown on the channel; sent to the customer's banking app.
 */
export type AmountsMode = 'show' | 'step-up' | 'card' | 'app';

/** What one channel may disclose. Applied in one place, to every reply, whatever the dialog. */
export interface DisclosurePolicy {
  /** Whether replies are read aloud (what `card` and `app` keep out of the speech). */
  readonly voice: boolean;
  readonly amounts: AmountsMode;
  /** Where amounts go when a step-up is needed but not held (none possible, locked or expired). */
  readonly fallback: 'card' | 'app';
  /** Digits of account and card numbers shown ("••6789"); undefined shows them as the bank gave them. */
  readonly maskDigits?: number;
  /** Most list items one reply shows; the rest are counted and left to the banking app. */
  readonly maxListItems?: number;
  /** Where a `card` puts the details, completing "I've put the details …". */
  readonly cardPlace: string;
}

/** The classes a voice channel treats as amounts. */
export const AMOUNT_CLASSES: ReadonlySet<Sensitivity> = new Set(['balance', 'transaction']);

/** Local developer channels: everything as the dialog wrote it. */
const SHOW_ALL: DisclosurePolicy = { voice: false, amounts: 'show', fallback: 'card', cardPlace: '' };

/**
 * The policy of each channel from the settings: console and playground show everything;
 * Messenger (and any other text channel) masks numbers and caps lists; Alexa and Google follow
 * ALEXA_AMOUNTS / GOOGLE_AMOUNTS (step-up by default) with their fallback.
 *
 * @example
 * const policyFor = disclosurePolicies(config);
 * policyFor('alexa').amounts; // 'step-up'
 */
export function disclosurePolicies(config: Config): (channelId: string) => DisclosurePolicy {
  const text: DisclosurePolicy = {
    voice: false,
    amounts: 'show',
    fallback: 'app',
    maskDigits: config.MASK_DIGITS,
    maxListItems: config.MESSENGER_MAX_LIST_ITEMS,
    cardPlace: '',
  };
  const policies: Readonly<Record<string, DisclosurePolicy>> = {
    console: SHOW_ALL,
    playground: SHOW_ALL,
    messenger: text,
    alexa: {
      voice: true,
      amounts: config.ALEXA_AMOUNTS,
      fallback: config.ALEXA_AMOUNTS_FALLBACK,
      maskDigits: config.MASK_DIGITS,
      cardPlace: 'on a card in your Alexa app',
    },
    google: {
      voice: true,
      amounts: config.GOOGLE_AMOUNTS,
      fallback: config.GOOGLE_AMOUNTS_FALLBACK,
      maskDigits: config.MASK_DIGITS,
      cardPlace: 'on your screen',
    },
  };
  return (channelId) => policies[channelId] ?? text;
}

const DISCLOSE_AS = Symbol('bankbot.discloseAs');

/** Applies another channel's policy to this turn: `bankbot chat --channel alexa` previews Alexa's. */
export function discloseAs(context: TurnContext, channelId: string): void {
  context.turnState.set(DISCLOSE_AS, channelId);
}

/** The channel whose disclosure policy applies to this turn: its own, unless previewing another. */
export function policyChannelOf(context: TurnContext): string {
  return (context.turnState.get(DISCLOSE_AS) as string | undefined) ?? context.activity.channelId ?? '';
}
