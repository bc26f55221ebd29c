import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { parse } from 'yaml';
import { z } from 'zod';
import { createSandboxBank, type SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { createLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import { sandboxBankHarness, type BankHarness } from './bank-harness.js';
import type { ChannelHarness } from './channel-driver.js';
import { TEST_NOW, testRecognizer } from './test-bot.js';

const expectation = z.union([
  z.string(),
  z.object({ contains: z.string() }).strict(),
  z.object({ match: z.string() }).strict(),
]);
const expectations = z.union([expectation, z.array(expectation)]);
const channelOverride = z
  .object({ bot: expectations.optional(), native: z.object({ contains: z.string() }).strict().optional() })
  .strict();
const step = z.union([
  z
    .object({
      user: z.string().min(1),
      intent: z.string().optional(),
      bot: expectations,
      choices: z.array(z.string()).optional(),
      handoff: z.boolean().optional(),
      /** Channel-specific expectations where a channel shows the reply differently. */
      channels: z.record(z.string(), channelOverride).optional(),
    })
    .strict(),
  z.object({ bank: z.enum(['none', 'down', 'slow']) }).strict(),
  z
    .object({
      expect: z
        .object({
          cards: z.record(z.string(), z.enum(['active', 'frozen'])).optional(),
          disputes: z.number().int().optional(),
          disputed: z.array(z.string()).optional(),
          confirmations: z.number().int().optional(),
        })
        .strict(),
    })
    .strict(),
]);
const conversation = z
  .object({
    name: z.string(),
    customer: z.string().default('alex'),
    now: z.string().optional(),
    steps: z.array(step).min(1),
  })
  .strict();
const file = z.object({ dialog: z.string(), conversations: z.array(conversation).min(1) }).strict();

export type Transcript = z.infer<typeof file>;
export type Conversation = z.infer<typeof conversation>;
type Expectation = z.infer<typeof expectation>;

export function loadTranscript(path: string): Transcript {
  const result = file.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success)
    throw new Error(
      `${path}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

function check(actual: string, expected: Expectation, where: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, where);
  else if ('contains' in expected)
    assert.ok(
      actual.includes(expected.contains),
      `${where}: expected to contain ${JSON.stringify(expected.contains)}, got ${JSON.stringify(actual)}`,
    );
  else assert.match(actual, new RegExp(expected.match, 's'), where);
}

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
}

/** Plays one conversation through the real bot on one channel and asserts every reply and the bank's state. */
export async function playConversation(
  conversation: Conversation,
  harness: ChannelHarness,
  bankHarness: BankHarness = sandboxBankHarness,
  options: PlayOptions = {},
): Promise<void> {
  const now = () => new Date(conversation.now ?? TEST_NOW);
  const sandbox = options.sandbox?.(now) ?? createSandboxBank({ now });
  const backend = await bankHarness.create(sandbox);
  const recorder = intentRecorder(options.onLogLine);
  const config = loadConfig({ NODE_ENV: 'test', BANK_TIMEOUT_MS: '1000', ...harness.env }, '/nonexistent');
  const bankbot = await createBankbot(config, recorder.logger, {
    bank: backend.bank,
    storage: options.storage ?? new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
    ...(harness.channels ? { channels: harness.channels } : {}),
  });
  const server = harness.http ? bankbot.createServer() : undefined;
  const baseUrl = server ? `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}` : '';
  const driver = await harness.driver({ customerId: conversation.customer, bankbot, sandbox, baseUrl });
  try {
    for (const [index, item] of conversation.steps.entries()) {
      const where = `${harness.channel}: ${conversation.name}, step ${index + 1}`;
      if ('bank' in item) {
        sandbox.setFault(item.bank);
        continue;
      }
      if ('expect' in item) {
        if (options.lenient) continue;
        const { cards, disputes, disputed, confirmations } = item.expect;
        for (const [cardId, status] of Object.entries(cards ?? {}))
          assert.equal(sandbox.cardStatus(conversation.customer, cardId), status, `${where}: card ${cardId}`);
        if (disputes !== undefined)
          assert.equal(sandbox.disputes(conversation.customer).length, disputes, `${where}: disputes`);
        if (disputed)
          assert.deepEqual(
            sandbox.disputes(conversation.customer).map((d) => d.transactionId),
            disputed,
            `${where}: disputed`,
          );
        if (confirmations !== undefined)
          assert.equal(
            sandbox.confirmations(conversation.customer).length,
            confirmations,
            `${where}: confirmations`,
          );
        continue;
      }
      const turn = await driver.say(item.user);
      options.onReply?.(turn.texts);
      if (options.lenient) continue;
      const said = `${where} (user: ${JSON.stringify(item.user)}; bot said ${JSON.stringify(turn.texts)})`;
      if (item.intent) assert.equal(recorder.last(), item.intent, `${said}: intent`);
      const override = item.channels?.[harness.channel];
      const wanted = override?.bot ?? item.bot;
      const expected = Array.isArray(wanted) ? wanted : [wanted];
      assert.equal(turn.texts.length, expected.length, `${said}: number of messages`);
      expected.forEach((e, i) => check(turn.texts[i] ?? '', e, `${said}: message ${i + 1}`));
      if (override?.native)
        assert.ok(
          JSON.stringify(turn.native).includes(override.native.contains),
          `${said}: native payload contains ${override.native.contains}`,
        );
      if (item.choices && harness.channel === 'console') {
        const last = (turn.native as { type?: string; suggestedActions?: { actions: { title: string }[] } }[])
          .filter((a) => a.type === 'message')
          .at(-1);
        assert.deepEqual(
          last?.suggestedActions?.actions.map((a) => a.title) ?? [],
          item.choices,
          `${said}: choices`,
        );
      }
      if (item.handoff !== undefined) assert.equal(turn.handoff, item.handoff, `${said}: handoff`);
    }
  } finally {
    await driver.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await bankbot.close();
    await backend.close();
  }
}
