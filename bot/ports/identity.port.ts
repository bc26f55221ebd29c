import type { CustomerRef } from './bank.port.js';

/**
 * Who a channel user is at the bank. A channel user is linked by the platform's account linking:
 * Alexa and Google send an access token with every request; Messenger sends an `account_linking`
 * event once, and the link is remembered.
 *
 * @example
 * const customer = await identity.resolve({ channelId: 'alexa', userId, accessToken });
 * if (!customer) -> ask the customer to link their account
 */
export interface IdentityPort {
  /** The bank customer behind the channel user, or undefined when not linked (or the token is refused). */
  resolve(user: ChannelUser): Promise<CustomerRef | undefined>;
  /**
   * Remembers that a channel user is a customer (after account linking). The user's `accessToken`,
   * if given, is kept only sealed, and only when the store has a token cipher.
   */
  link(user: ChannelUser, customerId: string): Promise<void>;
  /** Forgets the link. */
  unlink(user: ChannelUser): Promise<void>;
}

export interface ChannelUser {
  readonly channelId: string;
  /** The platform's user id (Messenger PSID, Alexa userId). */
  readonly userId: string;
  /** Account-linking token sent with the request, if any. Never logged, never stored in clear. */
  readonly accessToken?: string;
}
