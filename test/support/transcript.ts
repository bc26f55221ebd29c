import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { sandboxBankHarness, type BankHarness } from './bank-harness.js';
import type { ChannelHarness } from './channel-driver.js';
import { startSession, type PlayOptions } from './session.js';
import { postBankEvent, signedEvent } from './bank-events.js';
import { sandboxPin, sayStep } from './step-up-steps.js';

export type { PlayOptions } from './session.js';

const expectation = z.union([
  z.string(),
  z.object({ contains: z.string() }).strict(),
  z.object({ match: z.string() }).strict(),
]);
const expectations = z.union([expectation, z.array(expectation)]);
/** What the platform's native payloads hold, or must not hold (an amount kept out of the speech). */
const native = z
  .object({ contains: z.string().optional(), lacks: z.string().optional() })
  .strict()
  .refine((n) => n.contains !== undefined || n.lacks !== undefined, 'contains or lacks');
const channelOverride = z.object({ bot: expectations.optional(), native: native.optional() }).strict();
const step = z.union([
  z
    .object({
      user: z.string().min(1),
      intent: z.string().optional(),
      bot: expectations,
      choices: z.array(z.string()).optional(),
      handoff: z.boolean().optional(),
      /**
       * On channels that ask for a step-up before amounts, the bot first asks for the voice PIN:
       * the customer says theirs (asking again if told to), and `bot` is what follows.
       */
      pin: z.literal(true).optional(),
      /** Channel-specific expectations where a channel shows the reply differently. */
      channels: z.record(z.string(), channelOverride).optional(),
    })
    .strict(),
  z.object({ bank: z.enum(['none', 'down', 'slow']) }).strict(),
  /**
   * The bank's core posts a signed suspicious-transaction event for the customer; the alert queue
   * is drained; `bot` is what reached the customer unasked (nothing on channels that do not push).
   */
  z
    .object({
      event: z.object({ transaction: z.string().min(1) }).strict(),
      bot: expectations.optional(),
      channels: z.record(z.string(), channelOverride).optional(),
    })
    .strict(),
  /** Moves the bot's and the bank's clock on. */
  z.object({ wait: z.string().regex(/^\d+ (second|minute|hour)s?$/) }).strict(),
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
    /** Only these channels play the conversation (it is about their own behaviour). */
    channels: z.array(z.string()).min(1).optional(),
    steps: z.array(step).min(1),
  })
  .strict();
const file = z.object({ dialog: z.string(), conversations: z.array(conversation).min(1) }).strict();

export type Transcript = z.infer<typeof file>;
export type Conversation = z.infer<typeof conversation>;
type Expectation = z.infer<typeof expectation>;

/** Whether a channel plays the conversation. */
export function playsOn(conversation: Conversation, channel: string): boolean {
  return conversation.channels?.includes(channel) ?? true;
}

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

function durationMs(wait: string): number {
  const [count = '0', unit = 'second'] = wait.split(' ');
  return Number(count) * UNIT_MS[unit.replace(/s$/, '') as keyof typeof UNIT_MS];
}

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

/** Plays one conversation through the real bot on one channel and asserts every reply and the bank's state. */
export async function playConversation(
  conversation: Conversation,
  harness: ChannelHarness,
  bankHarness: BankHarness = sandboxBankHarness,
  options: PlayOptions = {},
): Promise<void> {
  const session = await startSession(conversation.customer, harness, bankHarness, {
    ...options,
    ...(conversation.now ? { now: conversation.now } : {}),
  });
  const { driver, sandbox } = session;
  try {
    for (const [index, item] of conversation.steps.entries()) {
      const where = `${harness.channel}: ${conversation.name}, step ${index + 1}`;
      if ('bank' in item) {
        sandbox.setFault(item.bank);
        continue;
      }
      if ('event' in item) {
        if (!session.baseUrl) throw new Error(`${where}: bank events need a channel served over HTTP`);
        const { body, headers } = signedEvent(
          { customerId: conversation.customer, transactionId: item.event.transaction },
          { nowMs: session.now().getTime() },
        );
        const posted = await postBankEvent(session.baseUrl, body, headers);
        assert.equal(posted.status, 202, `${where}: the event is accepted`);
        await session.bankbot.alerts.worker.drain();
        const turn = (await driver.pushed?.()) ?? { texts: [], native: [], handoff: false };
        options.onReply?.(turn.texts);
        if (options.lenient) continue;
        const override = item.channels?.[harness.channel];
        const wanted = override?.bot ?? item.bot ?? [];
        const expected = Array.isArray(wanted) ? wanted : [wanted];
        const said = `${where} (event; pushed ${JSON.stringify(turn.texts)})`;
        assert.equal(turn.texts.length, expected.length, `${said}: number of messages`);
        expected.forEach((e, i) => check(turn.texts[i] ?? '', e, `${said}: message ${i + 1}`));
        const { contains, lacks } = override?.native ?? {};
        if (contains !== undefined)
          assert.ok(JSON.stringify(turn.native).includes(contains), `${said}: native contains ${contains}`);
        if (lacks !== undefined)
          assert.ok(!JSON.stringify(turn.native).includes(lacks), `${said}: native lacks ${lacks}`);
        continue;
      }
      if ('wait' in item) {
        session.wait(durationMs(item.wait));
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
      const { turn, intent } = await sayStep(driver, item, {
        asksForPin: harness.stepUp === true,
        pin: options.pin ?? sandboxPin(conversation.customer),
        check: !options.lenient,
        intent: session.lastIntent,
        where,
      });
      options.onReply?.(turn.texts);
      if (options.lenient) continue;
      const said = `${where} (user: ${JSON.stringify(item.user)}; bot said ${JSON.stringify(turn.texts)})`;
      if (item.intent) assert.equal(intent, item.intent, `${said}: intent`);
      const override = item.channels?.[harness.channel];
      const wanted = override?.bot ?? item.bot;
      const expected = Array.isArray(wanted) ? wanted : [wanted];
      assert.equal(turn.texts.length, expected.length, `${said}: number of messages`);
      expected.forEach((e, i) => check(turn.texts[i] ?? '', e, `${said}: message ${i + 1}`));
      const { contains, lacks } = override?.native ?? {};
      if (contains !== undefined)
        assert.ok(
          JSON.stringify(turn.native).includes(contains),
          `${said}: native payload contains ${contains}`,
        );
      if (lacks !== undefined)
        assert.ok(!JSON.stringify(turn.native).includes(lacks), `${said}: native payload lacks ${lacks}`);
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
    await session.close();
  }
}
