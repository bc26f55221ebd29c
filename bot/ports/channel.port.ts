import type { ConversationReference, Storage, TurnContext } from 'botbuilder-core';
import type { Logger } from '../logger.js';
import type { Route } from '../server.js';
import type { CustomerDataRegistry } from './customer-data.port.js';
import type { IdentityPort } from './identity.port.js';

/** The bot's turn logic, as a channel adapter runs it. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * A chat or voice platform. One file per channel under adapters/channels/, each running the shared
 * contract suite (`test/contracts/channel.contract.ts`).
 *
 * Every route verifies the raw request (signature, timestamp, application id) before anything is
 * parsed into an activity, answers failures with a coded JSON error, and renders the bot's
 * channel-neutral replies (`replyOf(activity)` from bot/turn.ts) natively, within the platform's
 * limits, through pure functions.
 *
 * @example
 * const alexa = createAlexaChannel(config.alexa, { logger, identity });
 * server routes: alexa.routes((context) => bot.run(context));
 */
export interface ChannelPort {
  /** Stable id, also `activity.channelId`: 'messenger', 'alexa', 'google'. */
  readonly id: string;
  /** The HTTP routes this channel serves. */
  routes(logic: BotLogic): readonly Route[];
  /**
   * Starts a turn outside any request (alerts, continued conversations) for channels that can
   * push; voice channels without push leave it undefined.
   */
  continueConversation?(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void>;
  /**
   * Pushes a fraud alert to one channel user, for channels that can: Messenger runs `present` in
   * a turn on the customer's thread (what it sends goes out as a push); Alexa sends a notification
   * and ignores `present`. Rejects with a coded error when the platform refused or cannot be reached.
   */
  pushAlert?(target: AlertTarget, present: BotLogic): Promise<void>;
}

/** Who an alert is pushed to. */
export interface AlertTarget {
  readonly alertId: string;
  /** The platform's user id: Messenger PSID, Alexa user id. */
  readonly userId: string;
}

/** What a channel's echo of a pushed alert tells the alert delivery: the alert reached this user. */
export type AlertSentListener = (alertId: string, target: { channelId: string; userId: string }) => void;

/**
 * Where a channel adapter puts the request's account-linking token: in the turn's state, never in
 * the activity, so it is never persisted or logged.
 */
export const ACCESS_TOKEN = Symbol.for('bankbot.accessToken');

/**
 * Where a channel adapter puts the request's own id when a platform replay must be refused across
 * instances: the conversation store marks it in the conversation's state when it loads it (see
 * claimRequest in conversation-store.ts), so a copy of the request sent to another instance is
 * refused with CHANNEL_ERR_STALE before anything runs.
 */
export const REQUEST_CLAIM = Symbol.for('bankbot.requestClaim');

export interface RequestClaim {
  /** The platform's id of the request (Alexa's request id). */
  readonly id: string;
  /** How long a copy could still be accepted (what is left of the timestamp window), in ms. */
  readonly ttlMs: number;
}

/** What the composition root gives every channel. */
export interface ChannelDeps {
  readonly logger: Logger;
  readonly identity: IdentityPort;
  /** For delivery de-duplication and similar small records (ids only). */
  readonly storage: Storage;
  readonly now: () => Date;
  /** Where a channel that keeps per-customer records registers how to erase them (forget-me). */
  readonly customerData?: CustomerDataRegistry;
  /** Told when the platform confirms a pushed alert arrived (Messenger's message echo). */
  readonly onAlertSent?: AlertSentListener;
}
