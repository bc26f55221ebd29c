import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createSandboxBank, type SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot, createConfiguredRecognizer, type Bankbot } from '../../bot/index.js';
import { silentLogger, type Logger } from '../../bot/logger.js';
import type { Recognition, RecognizerPort } from '../../bot/recognition.js';
import { TestChannel } from './test-channel.js';

/** The fixed instant every transcript runs at unless it says otherwise (a Saturday). */
/**
 * The bank timeout the test bots run with: short, so the 'slow' fault (3 s) is abandoned quickly,
 * yet long enough that a bank over HTTP answers in time on a loaded CI machine.
 */
export const TEST_BANK_TIMEOUT_MS = '2500';
export const TEST_NOW = '2026-11-21T15:00:00Z';

let shared: Promise<RecognizerPort> | undefined;

/** The real NLU, trained (or loaded from the on-disk cache) once per test process. */
export function testRecognizer(): Promise<RecognizerPort> {
  shared ??= createConfiguredRecognizer(loadConfig({ NODE_ENV: 'test' }, '/nonexistent'), silentLogger());
  return shared;
}

export interface TestBot {
  readonly bankbot: Bankbot;
  readonly sandbox: SandboxBank;
  readonly channel: TestChannel;
  /** What the NLU made of the last message. */
  lastRecognition(): Recognition | undefined;
}

export interface TestBotOptions {
  readonly customerId?: string;
  readonly now?: string;
  readonly storage?: Storage;
  readonly sandbox?: SandboxBank;
  readonly conversationId?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
}

/** The real bot (real dialogs, NLU, sandbox bank, state) behind an in-memory channel. */
export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const now = () => new Date(options.now ?? TEST_NOW);
  const sandbox = options.sandbox ?? createSandboxBank({ now });
  const real = await testRecognizer();
  let last: Recognition | undefined;
  const recognizer: RecognizerPort = {
    recognize: async (text, recognizeOptions) => (last = await real.recognize(text, recognizeOptions)),
  };
  const config = loadConfig(
    { NODE_ENV: 'test', BANK_TIMEOUT_MS: TEST_BANK_TIMEOUT_MS, ...options.env },
    '/nonexistent',
  );
  const bankbot = await createBankbot(config, options.logger ?? silentLogger(), {
    bank: sandbox,
    storage: options.storage ?? new MemoryStorage(),
    recognizer,
    now,
  });
  const channel = new TestChannel((context) => bankbot.bot.run(context), {
    customerId: options.customerId ?? 'alex',
    ...(options.conversationId ? { conversationId: options.conversationId } : {}),
  });
  return { bankbot, sandbox, channel, lastRecognition: () => last };
}
