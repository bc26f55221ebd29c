import type { Storage } from 'botbuilder-core';
import { errorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { BankPort, CustomerRef } from './ports/bank.port.js';
import type { ChannelUser, IdentityPort } from './ports/identity.port.js';

export interface IdentityOptions {
  readonly storage: Storage;
  readonly bank: BankPort;
  readonly logger: Logger;
  /** Channels whose user id is the bank customer id itself (the console on the sandbox bank). */
  readonly trustedChannels?: readonly string[];
}

const BANK_TROUBLE: ReadonlySet<string> = new Set([
  'BANK_ERR_UNAVAILABLE',
  'BANK_ERR_TIMEOUT',
  'BANK_ERR_RATE_LIMITED',
]);

const linkKey = (user: ChannelUser): string => `links/${user.channelId}/${user.userId}`;

/**
 * Account linking: a token sent with the request is resolved by the bank (and never stored);
 * otherwise a remembered link (Messenger) is looked up. Links hold ids only.
 */
export function createIdentity(options: IdentityOptions): IdentityPort {
  const trusted = new Set(options.trustedChannels ?? []);
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
          options.logger.info({ event: 'identity.token_refused', channel: user.channelId, code });
          return undefined;
        }
      }
      const key = linkKey(user);
      const link = (await options.storage.read([key]))[key] as { customerId?: unknown } | undefined;
      return typeof link?.customerId === 'string' ? { customerId: link.customerId } : undefined;
    },
    async link(user, customerId): Promise<void> {
      await options.storage.write({ [linkKey(user)]: { customerId, eTag: '*' } });
    },
    async unlink(user): Promise<void> {
      await options.storage.delete([linkKey(user)]);
    },
  };
}
