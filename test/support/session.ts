import { Writable } from 'node:stream';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createSandboxBank, type SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot, type Bankbot } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import type { AuditPort } from '../../bot/ports/audit.port.js';
import { listen } from '../../bot/server.js';
import { sandboxBankHarness, type BankHarness } from './bank-harness.js';
import { BANK_EVENTS_TEST_ENV } from './bank-events.js';
import type { ChannelDriver, ChannelHarness } from './channel-driver.js';
import { TEST_NOW, testRecognizer, TEST_BANK_TIMEOUT_MS } from './test-bot.js';

/** The intent of the bot's last turn, read from its own structured log. */
function intentRecorder(onLine?: (line: string) => void): {
  logger: ReturnType<typeof createLogger>;
  last: () => string | undefined;
} {
  let last: string | undefined;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        onLine?.(line);
        const event = JSON.parse(line) as { event?: string; intent?: string };
        if (event.event === 'turn') last = event.intent;
      }
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination: sink }), last: () => last };
}

export interface PlayOptions {
  /** Another sandbox (e.g. seeded with canary values) instead of the default one. */
  readonly sandbox?: (now: () => Date) => SandboxBank;
  readonly storage?: Storage;
  /** Plays every turn and bank step but checks no reply text or bank state (for data with other values). */
  readonly lenient?: boolean;
  /** Sees every log line the bot writes. */
  readonly onLogLine?: (line: string) => void;
  /** Sees what the customer read after each utterance. */
  readonly onReply?: (texts: readonly string[]) => void;
  /** The customer's voice PIN, when the sandbox is seeded with another than the documented one. */
  readonly pin?: string;
  /** Settings over the channel's own (a disclosure policy, say). */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the bot records disclosures (the log by default). */
  readonly audit?: AuditPort;
}

/** A customer on one channel, talking to a freshly started bot (see playConversation). */
export interface Session {
  readonly driver: ChannelDriver;
  readonly sandbox: SandboxBank;
  readonly bankbot: Bankbot;
  /** The bot's HTTP server ('' for in-process channels). */
  readonly baseUrl: string;
  /** The bot's and the bank's clock. */
  now(): Date;
  /** The intent the bot recognised last, from its own log. */
  lastIntent(): string | undefined;
  /** Moves the bot's and the bank's clock on. */
  wait(ms: number): void;
  close(): Promise<void>;
}

/** Starts the real bot with one channel and a customer's driver on it. */
export async function startSession(
  customerId: string,
  harness: ChannelHarness,
  bankHarness: BankHarness = sandboxBankHarness,
  options: PlayOptions & { readonly now?: string } = {},
): Promise<Session> {
  let waited = 0;
  const now = () => new Date(Date.parse(options.now ?? TEST_NOW) + waited);
  const sandbox = options.sandbox?.(now) ?? createSandboxBank({ now });
  const backend = await bankHarness.create(sandbox);
  const recorder = intentRecorder(options.onLogLine);
  const env = {
    NODE_ENV: 'test',
    BANK_TIMEOUT_MS: TEST_BANK_TIMEOUT_MS,
    ...BANK_EVENTS_TEST_ENV,
    ...harness.env,
    ...options.env,
  };
  const bankbot = await createBankbot(loadConfig(env, '/nonexistent'), recorder.logger, {
    bank: backend.bank,
    storage: options.storage ?? new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    ...(harness.channels ? { channels: harness.channels } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
  });
  const server = harness.http ? bankbot.createServer() : undefined;
  const baseUrl = server ? `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}` : '';
  const driver = await harness.driver({ customerId, bankbot, sandbox, baseUrl });
  return {
    driver,
    sandbox,
    bankbot,
    baseUrl,
    now,
    lastIntent: recorder.last,
    wait: (ms) => void (waited += ms),
    close: async () => {
      await driver.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await bankbot.close();
      await backend.close();
    },
  };
}
