import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alexaHarness } from '../support/drivers/alexa.driver.js';
import { googleHarness } from '../support/drivers/google.driver.js';
import { messengerHarness } from '../support/drivers/messenger.driver.js';
import { startPlaygroundBot } from '../support/playground.js';

/** Typed the same way on the platform and in the playground: a list, a help with choices, a question. */
const CONVERSATION = ["what's my balance", 'what can you do', 'freeze my card'];

/**
 * The playground shows everything (docs/privacy.md), so the voice channels it is compared with are
 * configured to speak amounts too: parity is about rendering, under the same disclosure policy.
 */
const SHOW_AMOUNTS = { ALEXA_AMOUNTS: 'show', GOOGLE_AMOUNTS: 'show' };

/** Messenger addresses each body to the customer's PSID; the playground to its conversation. */
function withoutRecipient(native: unknown): unknown {
  if (!Array.isArray(native)) return native;
  return native.map((body: unknown) =>
    typeof body === 'object' && body !== null && 'recipient' in body ? { ...body, recipient: {} } : body,
  );
}

describe('playground parity with the channels', () => {
  for (const harness of [messengerHarness, alexaHarness, googleHarness]) {
    it(`shows exactly what the ${harness.channel} channel sends`, async () => {
      const bot = await startPlaygroundBot({
        env: { ...harness.env, ...SHOW_AMOUNTS },
        ...(harness.channels ? { channels: harness.channels } : {}),
      });
      const driver = await harness.driver({
        customerId: 'alex',
        bankbot: bot.bankbot,
        sandbox: bot.sandbox,
        baseUrl: bot.baseUrl,
      });
      try {
        let conversationId: string | undefined;
        for (const text of CONVERSATION) {
          const platform = await driver.say(text);
          const response = await bot.turn({
            channel: harness.channel,
            customer: 'alex',
            text,
            ...(conversationId ? { conversationId } : {}),
          });
          const body = (await response.json()) as { conversationId: string; native: unknown };
          conversationId = body.conversationId;
          const sent = harness.channel === 'messenger' ? platform.native : platform.native[0];
          assert.deepEqual(
            withoutRecipient(body.native),
            withoutRecipient(sent),
            `${harness.channel}: ${text}`,
          );
        }
      } finally {
        await driver.close();
        await bot.close();
      }
    });
  }
});
