import type { Storage, StoreItem } from 'botbuilder-core';
import { TokenCipherError, type TokenCipher } from './crypto/token-cipher.js';
import { errorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { BankPort, CustomerRef } from './ports/bank.port.js';
import { DATA_CATEGORIES, type ConsentLedger } from './ports/consent.port.js';
import type { CustomerDataRegistry, CustomerIndex } from './ports/customer-data.port.js';
import type { ChannelUser, IdentityPort } from './ports/identity.port.js';
import { ACCOUNT_LINK_CATEGORIES } from './privacy/consent-service.js';
import { withFields } from './objects.js';

export interface IdentityOptions {
  readonly storage: Storage;
  readonly bank: BankPort;
  readonly logger: Logger;
  /** Channels whose user id is the bank customer id itself (the console on the sandbox bank). */
  readonly trustedChannels?: readonly string[];
  /** Linking records consent to balances and transactions on the channel (source `account-link`). */
  readonly consent?: ConsentLedger;
  /** Linked channel users are listed in the customer's index, for forget-me. */
  readonly index?: CustomerIndex;
  /** Where the links' eraser is registered. */
  readonly customerData?: CustomerDataRegistry;
  readonly now?: () => Date;
  /**
   * Seals the bank token kept with a remembered link (Messenger), for banks that are called with the
   * customer's own token. Without it links hold the customer id only.
   */
  readonly tokens?: TokenCipher;
}

const BANK_TROUBLE: ReadonlySet<string> = new Set([
  'BANK_ERR_UNAVAILABLE',
  'BANK_ERR_TIMEOUT',
  'BANK_ERR_RATE_LIMITED',
]);

const linkKey = (user: ChannelUser): string => `links/${user.channelId}/${user.userId}`;

/** A remembered link as stored: ids, and the bank token only sealed. */
interface StoredLink {
  readonly customerId?: unknown;
  readonly token?: unknown;
}

/**
 * Account linking: a token sent with the request is resolved by the bank (and never stored);
 * otherwise a remembered link (Messenger) is looked up. Links hold the customer id and, with a
 * token cipher, the bank token sealed (AES-256-GCM, bound to the link's key); a token under an
 * older key is sealed again with the current one when read. A token that cannot be opened counts
 * as no link: the customer is asked to link again. Linking allows balances and transactions on
 * the channel and unlinking withdraws every category there, both recorded in the consent ledger
 * with source `account-link`.
 */
export function createIdentity(options: IdentityOptions): IdentityPort {
  const trusted = new Set(options.trustedChannels ?? []);
  const { tokens, logger } = options;
  const now = options.now ?? (() => new Date());
  const linkedCustomer = async (user: ChannelUser): Promise<string | undefined> => {
    const key = linkKey(user);
    const link = (await options.storage.read([key]))[key] as StoredLink | undefined;
    return typeof link?.customerId === 'string' ? link.customerId : undefined;
  };

  // Forget-me deletes the customer's links, unless a channel user has since been linked to someone else.
  options.customerData?.registerCustomerData('account-links', async ({ customerId, channelUsers }) => {
    const mine = [];
    for (const user of channelUsers)
      if ((await linkedCustomer(user)) === customerId) mine.push(linkKey(user));
    if (mine.length > 0) await options.storage.delete(mine);
    return mine.length;
  });

  async function fromLink(user: ChannelUser): Promise<CustomerRef | undefined> {
    const key = linkKey(user);
    const link = (await options.storage.read([key]))[key] as (StoreItem & StoredLink) | undefined;
    if (typeof link?.customerId !== 'string') return undefined;
    if (link.token === undefined) return { customerId: link.customerId };
    try {
      if (!tokens) throw new TokenCipherError('unknown key id');
      if (typeof link.token !== 'string') throw new TokenCipherError('malformed');
      const { plaintext, stale } = tokens.open(link.token, key);
      if (stale) await reseal(key, withFields(link, { token: tokens.seal(plaintext, key) }), user.channelId);
      return { customerId: link.customerId, accessToken: plaintext };
    } catch (error) {
      logger.warn({ event: 'identity.token_unreadable', channel: user.channelId, code: errorCode(error) });
      return undefined;
    }
  }

  /** Rotation: written only if the link is unchanged since it was read; losing that race is harmless. */
  async function reseal(key: string, link: StoreItem, channel: string): Promise<void> {
    try {
      await options.storage.write({ [key]: link });
      logger.info({ event: 'identity.token_resealed', channel });
    } catch (error) {
      logger.info({ event: 'identity.token_reseal_skipped', channel, code: errorCode(error) });
    }
  }

  return {
    async resolve(user): Promise<CustomerRef | undefined> {
      if (trusted.has(user.channelId)) return { customerId: user.userId };
      if (user.accessToken) {
        try {
          return await options.bank.resolveCustomer(user.accessToken);
        } catch (error) {
          const code = errorCode(error);
          // A bank that cannot answer has not refused the token: the customer hears that the bank is down.
          if (BANK_TROUBLE.has(code)) throw error;
          logger.info({ event: 'identity.token_refused', channel: user.channelId, code });
          return undefined;
        }
      }
      return fromLink(user);
    },
    async link(user, customerId): Promise<void> {
      const key = linkKey(user);
      const ref = { channelId: user.channelId, userId: user.userId };
      await options.index?.addChannelUser(customerId, ref);
      const token = tokens && user.accessToken ? { token: tokens.seal(user.accessToken, key) } : {};
      await options.storage.write({ [key]: { customerId, ...token, eTag: '*' } });
      const change = {
        channelId: user.channelId,
        categories: ACCOUNT_LINK_CATEGORIES,
        source: 'account-link' as const,
      };
      await options.consent?.grant(customerId, withFields(change, { at: now() }));
    },
    async unlink(user): Promise<void> {
      const customerId = await linkedCustomer(user);
      await options.storage.delete([linkKey(user)]);
      if (!customerId) return;
      await options.index?.removeChannelUser(customerId, { channelId: user.channelId, userId: user.userId });
      // Unlinking takes the channel back: a new link allows balances and transactions again, alerts stay opt-in.
      const change = {
        channelId: user.channelId,
        categories: DATA_CATEGORIES,
        source: 'account-link' as const,
      };
      await options.consent?.revoke(customerId, withFields(change, { at: now() }));
    },
  };
}
