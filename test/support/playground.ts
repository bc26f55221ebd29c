import { MemoryStorage } from 'botbuilder-core';
import { createSandboxBank, type SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot, type Bankbot, type BankbotOverrides } from '../../bot/index.js';
import { formatMoney, negate, type Money } from '../../bot/money.js';
import { listen } from '../../bot/server.js';
import { TEST_NOW, testRecognizer, TEST_BANK_TIMEOUT_MS } from './test-bot.js';
import { captureLogs } from './log-capture.js';

/** A running bankbot with PLAYGROUND=on over real HTTP on 127.0.0.1, the sandbox bank and the real NLU. */
export interface PlaygroundBot {
  readonly baseUrl: string;
  readonly bankbot: Bankbot;
  readonly sandbox: SandboxBank;
  /** Every log line the bot wrote so far. */
  readonly logLines: readonly string[];
  /** POSTs a JSON body to /playground/api/turn (headers added to the JSON content type). */
  turn(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface PlaygroundBotOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly channels?: BankbotOverrides['channels'];
}

export async function startPlaygroundBot(options: PlaygroundBotOptions = {}): Promise<PlaygroundBot> {
  const now = () => new Date(TEST_NOW);
  const sandbox = createSandboxBank({ now });
  const { logger, lines: logLines } = captureLogs('debug');
  const config = loadConfig(
    { NODE_ENV: 'test', BANK_TIMEOUT_MS: TEST_BANK_TIMEOUT_MS, PLAYGROUND: 'on', ...options.env },
    '/nonexistent',
  );
  const bankbot = await createBankbot(config, logger, {
    bank: sandbox,
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    ...(options.channels ? { channels: options.channels } : {}),
  });
  const server = bankbot.createServer();
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  return {
    baseUrl,
    bankbot,
    sandbox,
    logLines,
    turn: (body, headers = {}) =>
      fetch(`${baseUrl}/playground/api/turn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bankbot.close();
    },
  };
}

/**
 * Each account's balance as the bot states it, from the sandbox itself (a credit card's is what is
 * owed), and the customer's locale: what a balance reply must contain.
 */
export async function balancesOf(
  sandbox: SandboxBank,
  customerId: string,
): Promise<{
  readonly locale: string;
  readonly amounts: readonly Money[];
  readonly shown: readonly string[];
}> {
  const customer = { customerId };
  const [profile, accounts, balances] = await Promise.all([
    sandbox.getProfile(customer),
    sandbox.listAccounts(customer),
    sandbox.getBalances(customer),
  ]);
  const amounts = accounts.map((account) => {
    const balance = balances.find((b) => b.accountId === account.id);
    if (!balance) throw new Error(`sandbox: no balance for account ${account.id}`);
    return account.kind === 'credit' ? negate(balance.current) : balance.current;
  });
  return {
    locale: profile.locale,
    amounts,
    shown: amounts.map((amount) => formatMoney(amount, profile.locale)),
  };
}
