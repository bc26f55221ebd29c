import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { GraphClient, GraphSendError } from '../../adapters/channels/messenger/graph-client.js';
import { DEFAULT_RETRY } from '../../adapters/channels/messenger/retry-policy.js';
import { silentLogger } from '../../bot/logger.js';
import {
  MESSENGER_TEST_ENV,
  PAGE_ID,
  postWebhook,
  startMessengerBot,
  webhookBody,
  type MessengerTestBot,
} from '../support/drivers/messenger.driver.js';

let clock = 1_763_100_000_000;
const hello = (psid: string, mid: string) => ({
  sender: { id: psid },
  recipient: { id: PAGE_ID },
  timestamp: (clock += 1),
  message: { mid, text: 'hello' },
});
const graphError = (status: number, code: number) => ({
  status,
  body: { error: { message: 'Graph says no', type: 'OAuthException', code, fbtrace_id: 'Atrace' } },
});

describe('messenger sending', () => {
  let bot: MessengerTestBot;
  before(async () => {
    bot = await startMessengerBot();
  });
  after(() => bot.close());

  const say = async (psid: string, mid: string): Promise<void> => {
    assert.equal((await postWebhook(bot.baseUrl, webhookBody([hello(psid, mid)]))).status, 200);
    await bot.channel.settle();
  };

  it('sends with the page token as a bearer header, an appsecret_proof, the configured version and RESPONSE', async () => {
    const mark = bot.graph.calls.length;
    await say('psid-headers', 'm_headers');
    const [call] = bot.graph.calls.slice(mark);
    assert.equal(call?.method, 'POST');
    assert.equal(call?.path, '/v25.0/me/messages');
    assert.equal(call?.authorization, `Bearer ${MESSENGER_TEST_ENV.MESSENGER_PAGE_TOKEN}`);
    assert.equal(call?.query.get('access_token'), null, 'the token is never in the URL');
    const proof = createHmac('sha256', MESSENGER_TEST_ENV.MESSENGER_APP_SECRET)
      .update(MESSENGER_TEST_ENV.MESSENGER_PAGE_TOKEN)
      .digest('hex');
    assert.equal(call?.query.get('appsecret_proof'), proof);
    assert.deepEqual((call?.body as { recipient: unknown }).recipient, { id: 'psid-headers' });
    assert.equal((call?.body as { messaging_type: unknown }).messaging_type, 'RESPONSE');
  });

  it('retries a 5xx with backoff and delivers the message once the Graph API recovers', async () => {
    bot.graph.script(graphError(500, 2), graphError(503, 2));
    const mark = bot.graph.calls.length;
    await say('psid-retry', 'm_retry');
    const calls = bot.graph.calls.slice(mark);
    assert.equal(calls.length, 3, 'two failures, then success');
    assert.deepEqual(calls[2]?.body, calls[0]?.body, 'the same message each time');
    const retries = bot.logs.filter((log) => log.event === 'messenger.send_retry');
    assert.deepEqual(
      retries.map((log) => [log.status, log.attempt]),
      [
        [500, 1],
        [503, 2],
      ],
    );
    assert.ok(!bot.logs.some((log) => log.event === 'messenger.turn_failed' && log.psid === 'psid-retry'));
  });

  it('never retries a 4xx other than 429, and logs the failure with its code and the Graph code', async () => {
    bot.graph.script(graphError(400, 100));
    const mark = bot.graph.calls.length;
    await say('psid-400', 'm_400');
    assert.equal(bot.graph.calls.length - mark, 1, 'one attempt');
    const failure = bot.logs.find((log) => log.event === 'messenger.turn_failed' && log.psid === 'psid-400');
    assert.equal(failure?.code, 'CHANNEL_ERR_SEND_FAILED');
    assert.equal(failure?.status, 400);
    assert.equal(failure?.graphCode, 100);
    // The process is fine and the next message is answered.
    await say('psid-400', 'm_400_after');
    assert.equal(bot.graph.calls.length - mark, 2);
  });

  it('retries a 429 after its Retry-After, and gives up after the last attempt', async () => {
    bot.graph.script({ ...graphError(429, 613), headers: { 'retry-after': '0' } });
    let mark = bot.graph.calls.length;
    await say('psid-429', 'm_429');
    assert.equal(bot.graph.calls.length - mark, 2);
    bot.graph.script(...Array.from({ length: DEFAULT_RETRY.attempts }, () => graphError(500, 1)));
    mark = bot.graph.calls.length;
    await say('psid-429', 'm_429_down');
    assert.equal(bot.graph.calls.length - mark, DEFAULT_RETRY.attempts, 'bounded');
    const failure = bot.logs
      .filter((log) => log.event === 'messenger.turn_failed' && log.psid === 'psid-429')
      .at(-1);
    assert.equal(failure?.attempts, DEFAULT_RETRY.attempts);
  });

  it("continues a conversation as an UPDATE to the customer's PSID", async () => {
    const mark = bot.graph.calls.length;
    await bot.channel.continueConversation?.(
      {
        channelId: 'messenger',
        conversation: { id: 'psid-later', isGroup: false, conversationType: 'personal', name: 'messenger' },
      },
      async (context) => {
        await context.sendActivity('Your dispute has been updated.');
      },
    );
    const [body] = bot.graph.rawSentTo('psid-later', mark);
    assert.deepEqual(body, {
      recipient: { id: 'psid-later' },
      messaging_type: 'UPDATE',
      message: { text: 'Your dispute has been updated.' },
    });
  });

  it('never writes the page token or the app secret to a log line', () => {
    const all = JSON.stringify(bot.logs);
    assert.ok(bot.logs.length > 0);
    assert.ok(!all.includes(MESSENGER_TEST_ENV.MESSENGER_PAGE_TOKEN));
    assert.ok(!all.includes(MESSENGER_TEST_ENV.MESSENGER_APP_SECRET));
  });
});

describe('graph client', () => {
  it('retries network failures and rejects with a coded error carrying no secret', async () => {
    const client = new GraphClient({
      baseUrl: 'http://127.0.0.1:9', // discard port: nothing listens
      version: 'v25.0',
      pageToken: MESSENGER_TEST_ENV.MESSENGER_PAGE_TOKEN,
      appSecret: MESSENGER_TEST_ENV.MESSENGER_APP_SECRET,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 2000 },
      logger: silentLogger(),
    });
    const error = await client.callAPI('/me/messages', 'POST', {}).then(
      () => assert.fail('expected a failure'),
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof GraphSendError);
    assert.equal(error.code, 'CHANNEL_ERR_SEND_FAILED');
    assert.equal(error.status, 0);
    assert.equal(error.attempts, 3);
    const inspected = JSON.stringify({ error, client, message: error.message });
    assert.ok(!inspected.includes(MESSENGER_TEST_ENV.MESSENGER_PAGE_TOKEN));
  });
});
