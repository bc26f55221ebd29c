import type { Storage } from 'botbuilder-core';

/** Meta's standard messaging window: a Page may answer freely for 24 hours after the customer's last message. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Where the time of a customer's last message is kept (the time only, never the message). */
export const inboundKey = (psid: string): string => `messenger/users/${psid}/inbound`;

export const isInboundKey = (key: string): boolean =>
  key.startsWith('messenger/users/') && key.endsWith('/inbound');

/** When each customer last wrote, to pick RESPONSE inside the 24-hour window and a message tag outside it. */
export interface InboundWindow {
  /** Notes a message from the customer now. */
  touch(psid: string): Promise<void>;
  /** Whether the customer wrote within the last 24 hours. */
  isOpen(psid: string): Promise<boolean>;
}

/** Kept in the bot's storage; the composition root gives the keys a 24-hour TTL. */
export function createInboundWindow(storage: Storage, now: () => Date): InboundWindow {
  return {
    async touch(psid) {
      await storage.write({ [inboundKey(psid)]: { at: now().getTime(), eTag: '*' } });
    },
    async isOpen(psid) {
      const key = inboundKey(psid);
      const at = (await storage.read([key]))[key]?.at as unknown;
      return typeof at === 'number' && now().getTime() - at < WINDOW_MS;
    },
  };
}
