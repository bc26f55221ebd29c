import type { ConsentSnapshot } from './consent.port.js';

/** A channel user linked to a customer (a Messenger PSID). */
export interface ChannelUserRef {
  readonly channelId: string;
  readonly userId: string;
}

/** A conversation whose state is stored: its storage key and when it was last indexed (ms). */
export interface IndexedConversation {
  readonly key: string;
  readonly at: number;
}

/** Where a customer's data lives: ids and storage keys only. */
export interface CustomerFootprint {
  readonly conversations: readonly IndexedConversation[];
  readonly channelUsers: readonly ChannelUserRef[];
}

/**
 * Per-customer index of the records kept under other keys (conversation state, channel links),
 * so they can be listed and erased without scanning the store. Holds ids only.
 *
 * @example
 * await index.addConversation(customerId, 'alexa/conversations/amzn1.echo-api.session.1/', now);
 * const { conversations, channelUsers } = await index.list(customerId);
 */
export interface CustomerIndex {
  /** Notes (or refreshes) a conversation; entries not refreshed for the retention period are dropped. */
  addConversation(customerId: string, key: string, at: Date): Promise<void>;
  /**
   * Optional, for a backend that keeps the index beside the consent ledger: `addConversation` and
   * the ledger's `get` in one round trip (a new conversation needs both on its first turn).
   */
  addConversationReadingConsent?(customerId: string, key: string, at: Date): Promise<ConsentSnapshot>;
  addChannelUser(customerId: string, user: ChannelUserRef): Promise<void>;
  removeChannelUser(customerId: string, user: ChannelUserRef): Promise<void>;
  list(customerId: string): Promise<CustomerFootprint>;
  /** Deletes the index itself; returns how many records were deleted. */
  erase(customerId: string): Promise<number>;
}

/** What an eraser is told: the customer and where their data lives (read before anything is erased). */
export interface ErasureSubject extends CustomerFootprint {
  readonly customerId: string;
  readonly at: Date;
}

/** Deletes one feature's records of a customer; resolves to how many records it deleted. */
export type CustomerDataEraser = (subject: ErasureSubject) => Promise<number>;

/**
 * Where every feature that stores per-customer records registers how to erase them, so "forget
 * me" reaches all of them (conversation state, links, de-duplication records, consent, alerts,
 * lockouts).
 *
 * @example
 * customerData.registerCustomerData('alert-queue', async ({ customerId }) => queue.deleteAll(customerId));
 */
export interface CustomerDataRegistry {
  registerCustomerData(name: string, erase: CustomerDataEraser): void;
}
