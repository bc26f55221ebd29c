import type { BankHarness } from '../bank-harness.js';
import { startBankServers, type BankServerOptions, type BankSetup } from './bank-servers.js';

/**
 * Transcripts against real adapters: each conversation gets fresh fake bank servers over its
 * sandbox (UK OB for accounts, Stripe Issuing for cards, or the sandbox's accounts with Stripe
 * cards), so the bot speaks HTTP to spec-checked servers and the sandbox still holds the state
 * the transcripts assert.
 */
export function specBankHarness(
  name: string,
  setup: BankSetup,
  options: BankServerOptions = {},
): BankHarness {
  return {
    name,
    create: async (sandbox) => {
      const servers = await startBankServers(sandbox, setup, options);
      return { bank: servers.bank, close: () => servers.close() };
    },
  };
}
