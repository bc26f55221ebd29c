import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder-core';
import { parse } from 'yaml';
import { z } from 'zod';
import { createTestBot } from './test-bot.js';

const expectation = z.union([
  z.string(),
  z.object({ contains: z.string() }).strict(),
  z.object({ match: z.string() }).strict(),
]);
const step = z.union([
  z
    .object({
      user: z.string().min(1),
      intent: z.string().optional(),
      bot: z.union([expectation, z.array(expectation)]),
      choices: z.array(z.string()).optional(),
      handoff: z.boolean().optional(),
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

/** Plays one conversation through the real bot and asserts every reply and the bank's state. */
export async function playConversation(conversation: Conversation): Promise<void> {
  const { channel, sandbox, lastRecognition } = await createTestBot({
    customerId: conversation.customer,
    ...(conversation.now ? { now: conversation.now } : {}),
  });
  for (const [index, item] of conversation.steps.entries()) {
    const where = `${conversation.name}, step ${index + 1}`;
    if ('bank' in item) {
      sandbox.setFault(item.bank);
      continue;
    }
    if ('expect' in item) {
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
    const sent = await channel.say(item.user);
    const messages = sent.filter((a: Partial<Activity>) => a.type === 'message').map((a) => a.text ?? '');
    const said = `${where} (user: ${JSON.stringify(item.user)}; bot said ${JSON.stringify(messages)})`;
    if (item.intent) assert.equal(lastRecognition()?.intent, item.intent, `${said}: intent`);
    const expected = Array.isArray(item.bot) ? item.bot : [item.bot];
    assert.equal(messages.length, expected.length, `${said}: number of messages`);
    expected.forEach((e, i) => check(messages[i] ?? '', e, `${said}: message ${i + 1}`));
    if (item.choices) {
      const last = sent.filter((a) => a.type === 'message').at(-1);
      assert.deepEqual(
        last?.suggestedActions?.actions.map((a) => a.title) ?? [],
        item.choices,
        `${said}: choices`,
      );
    }
    if (item.handoff !== undefined)
      assert.equal(
        sent.some((a) => a.type === 'event' && a.name === 'handoff.initiate'),
        item.handoff,
        `${said}: handoff event`,
      );
  }
}
