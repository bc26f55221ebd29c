import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { DEFAULT_LINK_URL } from '../../adapters/channels/messenger.channel.js';
import { renderTurn } from '../../adapters/channels/messenger/send-api-render.js';
import { runChannelContract } from '../contracts/channel.contract.js';
import {
  MESSENGER_TEST_ENV,
  postWebhook,
  signBody,
  startMessengerBot,
  type MessengerTestBot,
} from '../support/drivers/messenger.driver.js';

const FIXTURES = 'test/fixtures/channels/messenger';
const fixture = (name: string): Buffer => readFileSync(`${FIXTURES}/${name}`);
/** The fixtures share one mid; each sample gets its own, as separate deliveries would. */
const withMid = (body: Buffer, mid: string): Buffer =>
  Buffer.from(body.toString('utf8').replace('"AAAA-BBBB-CCCC"', JSON.stringify(mid)));

/** Meta's limits, written out independently of the renderer's constants. */
function assertWithinLimits(native: unknown): void {
  assert.ok(Array.isArray(native), 'a list of Send API bodies');
  for (const body of native as { messaging_type: string; message: Record<string, unknown> }[]) {
    assert.equal(body.messaging_type, 'RESPONSE');
    const {
      text,
      quick_replies: quick,
      attachment,
    } = body.message as {
      text?: string;
      quick_replies?: { title: string; payload: string }[];
      attachment?: {
        payload: { text?: string; elements?: { title: string; subtitle?: string }[]; buttons?: unknown[] };
      };
    };
    if (text !== undefined) assert.ok(text.length > 0 && text.length <= 2000, `text of ${text.length}`);
    assert.ok((quick ?? []).length <= 13, 'at most 13 quick replies');
    for (const reply of quick ?? []) assert.ok(reply.title.length <= 20 && reply.payload.length <= 1000);
    const payload = attachment?.payload;
    assert.ok((payload?.elements ?? []).length <= 10, 'at most 10 generic elements');
    for (const element of payload?.elements ?? [])
      assert.ok(element.title.length <= 80 && (element.subtitle ?? '').length <= 80);
    assert.ok((payload?.buttons ?? []).length <= 3 && (payload?.text ?? '').length <= 640);
  }
}

runChannelContract('messenger', async () => {
  const bot = await startMessengerBot();
  return {
    baseUrl: bot.baseUrl,
    path: '/api/messenger',
    samples: [
      withMid(fixture('webhook.message.botbuilder-dotnet.json'), 'm_contract_message'),
      withMid(fixture('webhook.standby.botbuilder-dotnet.json'), 'm_contract_standby'),
    ],
    sign: async (body) => ({ headers: signBody(body), body }),
    replay: 'deduplicated',
    turns: () => bot.turns(),
    settle: () => bot.channel.settle(),
    render: (replies) =>
      renderTurn(replies, {
        locale: 'en-US',
        timeZone: 'UTC',
        linkUrl: DEFAULT_LINK_URL,
        psid: 'contract-psid',
        messagingType: 'RESPONSE',
      }),
    checkLimits: assertWithinLimits,
    close: () => bot.close(),
  };
});

describe('messenger webhook verification', () => {
  let bot: MessengerTestBot;
  before(async () => {
    bot = await startMessengerBot();
  });
  after(() => bot.close());

  const codeOf = (text: string): unknown => (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;

  it('answers a bad signature with 401 and never invokes the bot logic', async () => {
    const body = withMid(fixture('webhook.message.botbuilder-dotnet.json'), 'm_forged');
    const before = bot.turns();
    const attempts = [
      signBody(body, 'not-the-app-secret'),
      { 'x-hub-signature-256': 'sha256=00' },
      { 'x-hub-signature': signBody(body)['x-hub-signature-256']!.replace('sha256', 'sha1') },
      {},
    ];
    for (const headers of attempts) {
      const result = await postWebhook(bot.baseUrl, body, headers);
      assert.equal(result.status, 401);
      assert.equal(codeOf(result.text), 'CHANNEL_ERR_BAD_SIGNATURE');
    }
    await bot.channel.settle();
    assert.equal(bot.turns(), before, 'the handler was never called');
    assert.equal(bot.graph.calls.length, 0, 'nothing was sent');
    // The same bytes correctly signed do run the bot: the 401s were the signature, nothing else.
    assert.equal((await postWebhook(bot.baseUrl, body)).status, 200);
    await bot.channel.settle();
    assert.equal(bot.turns(), before + 1);
  });

  it('answers an entry with only standby events with 200 and ignores it', async () => {
    const envelope = JSON.parse(
      fixture('webhook.standby.botbuilder-dotnet.json')
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ) as {
      entry: { messaging?: unknown }[];
    };
    delete envelope.entry[0]!.messaging;
    const body = Buffer.from(JSON.stringify(envelope));
    const [turns, calls] = [bot.turns(), bot.graph.calls.length];
    const result = await postWebhook(bot.baseUrl, body);
    await bot.channel.settle();
    assert.equal(result.status, 200);
    assert.equal(bot.turns(), turns, 'no turn');
    assert.equal(bot.graph.calls.length, calls, 'no reply');
    assert.ok(
      bot.logs.some(
        (log) => log.event === 'messenger.skipped' && JSON.stringify(log.reasons) === '["standby","standby"]',
      ),
    );
  });

  it('echoes the challenge as plain text for the right verify token', async () => {
    const query = `hub.mode=subscribe&hub.verify_token=${MESSENGER_TEST_ENV.MESSENGER_VERIFY_TOKEN}&hub.challenge=1158201444`;
    const response = await fetch(`${bot.baseUrl}/api/messenger?${query}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(await response.text(), '1158201444');
  });

  it('refuses the handshake with 403 for a wrong token and 400 for a malformed query', async () => {
    const wrong = await fetch(
      `${bot.baseUrl}/api/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`,
    );
    assert.equal(wrong.status, 403);
    assert.equal(codeOf(await wrong.text()), 'CHANNEL_ERR_FORBIDDEN');
    const token = MESSENGER_TEST_ENV.MESSENGER_VERIFY_TOKEN;
    const noMode = await fetch(`${bot.baseUrl}/api/messenger?hub.verify_token=${token}&hub.challenge=1`);
    assert.equal(noMode.status, 400);
    assert.equal(codeOf(await noMode.text()), 'CHANNEL_ERR_BAD_PAYLOAD');
  });
});

describe('messenger without its secrets', () => {
  it('answers 503 on both routes and never runs the bot', async () => {
    const bot = await startMessengerBot({ env: { MESSENGER_APP_SECRET: '', MESSENGER_PAGE_TOKEN: '' } });
    try {
      const body = withMid(fixture('webhook.message.botbuilder-dotnet.json'), 'm_unconfigured');
      const post = await postWebhook(bot.baseUrl, body);
      const token = MESSENGER_TEST_ENV.MESSENGER_VERIFY_TOKEN;
      const get = await fetch(
        `${bot.baseUrl}/api/messenger?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1`,
      );
      for (const [status, text] of [
        [post.status, post.text] as const,
        [get.status, await get.text()] as const,
      ]) {
        assert.equal(status, 503);
        assert.equal(codeOf(text), 'CHANNEL_ERR_NOT_CONFIGURED');
      }
      await bot.channel.settle();
      assert.equal(bot.turns(), 0);
    } finally {
      await bot.close();
    }
  });

  const codeOf = (text: string): unknown => (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
});

describe('messenger user locale', () => {
  let bot: MessengerTestBot;
  before(async () => {
    bot = await startMessengerBot();
  });
  after(() => bot.close());

  const envelope = (psid: string, event: object): Buffer =>
    Buffer.from(
      JSON.stringify({
        object: 'page',
        entry: [
          { id: 'page', time: 1, messaging: [{ sender: { id: psid }, recipient: { id: 'page' }, ...event }] },
        ],
      }),
    );
  const message = (psid: string, mid: string, text: string): Buffer =>
    envelope(psid, { timestamp: 2, message: { mid, text } });
  const link = async (psid: string, customerId: string): Promise<void> => {
    const linking = { status: 'linked', authorization_code: sandboxAccessToken(customerId) };
    const result = await postWebhook(bot.baseUrl, envelope(psid, { timestamp: 1, account_linking: linking }));
    assert.equal(result.status, 200);
    await bot.channel.settle();
  };
  const turnLog = (): Record<string, unknown> | undefined =>
    bot.logs.filter((log) => log.event === 'turn').at(-1);

  it("gives the turn the User Profile API's locale, asked once per PSID, and recognises in that language", async () => {
    bot.graph.setLocale('psid-es', 'es_ES');
    await link('psid-es', 'alex'); // alex's bank profile says en-US: only Graph says Spanish
    const lookups = bot.graph.lookups.length;
    assert.equal(
      (await postWebhook(bot.baseUrl, message('psid-es', 'm_es_1', 'cuál es mi saldo'))).status,
      200,
    );
    await bot.channel.settle();
    assert.equal(bot.activities.at(-1)?.locale, 'es-ES');
    assert.equal(turnLog()?.intent, 'balance.check', 'the Spanish model understood it');
    assert.equal((await postWebhook(bot.baseUrl, message('psid-es', 'm_es_2', 'adiós'))).status, 200);
    await bot.channel.settle();
    assert.equal(bot.activities.at(-1)?.locale, 'es-ES');
    const asked = bot.graph.lookups.slice(lookups);
    assert.equal(asked.length, 1, 'the locale is remembered');
    assert.equal(asked[0]?.path.endsWith('/psid-es'), true);
    assert.match(asked[0]?.authorization ?? '', /^Bearer /, 'the page token goes in the header');
  });

  it('carries on without a locale when Graph refuses the profile (no permission)', async () => {
    await link('psid-none', 'alex');
    assert.equal(
      (await postWebhook(bot.baseUrl, message('psid-none', 'm_none_1', "what's my balance"))).status,
      200,
    );
    await bot.channel.settle();
    assert.equal(bot.activities.at(-1)?.locale, undefined);
    assert.equal(turnLog()?.intent, 'balance.check');
  });
});
