import type { SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import type { BankPort } from '../../bot/ports/bank.port.js';

/**
 * How the transcript suite reaches the bank: the sandbox itself, or a real adapter talking to a
 * local server that serves the sandbox's data in a standard's format (so every transcript's
 * expectations and bank-state assertions hold unchanged).
 */
export interface BankHarness {
  readonly name: string;
  /** A BankPort for the bot, backed by `sandbox`; the sandbox's state is what transcripts assert. */
  create(sandbox: SandboxBank): Promise<{ readonly bank: BankPort; close(): Promise<void> }>;
}

export const sandboxBankHarness: BankHarness = {
  name: 'sandbox',
  create: async (sandbox) => ({ bank: sandbox, close: async () => undefined }),
};
