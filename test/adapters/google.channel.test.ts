import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sharedRedisUnderTest } from '../support/redis-storage.js';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import {
  renderWebhookResponse,
  type WebhookResponse,
} from '../../adapters/channels/google/dialogflow-response.js';
import { createLogger } from '../../bot/logger.js';
import { runChannelContract, type ChannelContractSubject } from '../contracts/channel.contract.js';
import { PIN_PROMPT } from '../support/step-up-steps.js';
import {
  GOOGLE_TEST_ENV,
  basicAuthorization,
  startGoogleBot,
  textsOf,
  webhookRequest,
  type GoogleTestBot,
} from '../support/drivers/google.driver.js';

const FIXTURES = 'test/fixtures/channels/google';

/** Google's documented limits (adapters/channels/google/limits.ts), checked on a rendered response. */
function checkWebhookLimits(response: WebhookResponse): void {
  const items = response.payload?.google.richResponse.items ?? [];
  const bubbles = items.flatMap((item) => ('simpleResponse' in item ? [item.simpleResponse] : []));
  const cards = items.flatMap((item) => ('basicCard' in item ? [item.basicCard] : []));
  assert.ok(bubbles.length <= 2, 'at most two simple responses');
  assert.ok('simpleResponse' in (items[0] ?? { simpleResponse: null }), 'a simple response comes first');
  for (const bubble of bubbles) assert.ok(bubble.displayText.length <= 640, 'display text within 640');
  assert.ok(cards.length <= 1, 'at most one basic card');
  for (const card of cards) {
    assert.ok(card.formattedText.length <= 750, 'card text within 750');
    assert.ok(card.formattedText.split('  \n').length <= 15, 'card within 15 lines');
  }
  const chips = response.payload?.google.richResponse.suggestions ?? [];
  assert.ok(chips.length <= 8 && chips.every((chip) => chip.title.length <= 25), 'chips within 8 x 25');
  for (const message of response.fulfillmentMessages ?? []) {
    if ('quickReplies' in message) {
      const replies = message.quickReplies.quickReplies;
      assert.ok(replies.length <= 13 && replies.every((r) => r.length <= 20), 'quick replies within 13 x 20');
    }
  }
  const genericCards = (response.fulfillmentMessages ?? []).filter((message) => 'card' in message);
  assert.ok(genericCards.length <= 10 * Math.max(1, bubbles.length), 'generic cards within 10 per message');
}
const PATH = '/api/google';
// aog-text first: the contract's forged-body case flips a byte in its middle (see the note below).
const SAMPLES = ['aog-text', 'generic', 'aog-welcome', 'aog-sign-in'].map((name) =>
  readFileSync(`${FIXTURES}/dialogflow-v2.webhook-request.${name}.json`),
);

/** Dialogflow gives every request a new responseId; a same-length id keeps the rest of the bytes. */
function freshResponseId(body: Buffer): Buffer {
  let id: unknown;
  try {
    id = (JSON.parse(body.toString('utf8')) as { responseId?: unknown }).responseId;
  } catch {
    return body;
  }
  return typeof id === 'string' ? Buffer.from(body.toString('utf8').replace(id, randomUUID())) : body;
}

async function post(bot: GoogleTestBot, body: unknown, authorization?: string) {
  const response = await fetch(`${bot.baseUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const SESSION = 'projects/bankbot-test/agent/sessions/s-1';
const linked = { userId: 'u-alex', accessToken: sandboxAccessToken('alex') };

/*
 * Basic auth carries no timestamp and does not cover the body: replays are de-duplicated by
 * responseId, and the forged-body case is refused here because the flipped byte breaks the JSON
 * (400). A caller holding the credentials can send any body; TLS is what protects it in transit.
 */
runChannelContract('google (Dialogflow ES fulfillment)', async (): Promise<ChannelContractSubject> => {
  const bot = await startGoogleBot(GOOGLE_TEST_ENV);
  return {
    baseUrl: bot.baseUrl,
    path: PATH,
    samples: SAMPLES,
    sign: async (body) => ({ headers: { authorization: basicAuthorization() }, body: freshResponseId(body) }),
    replay: 'deduplicated',
    turns: () => bot.turns(),
    settle: async () => undefined,
    render: (replies) => renderWebhookResponse(replies, { locale: 'en-US', timeZone: 'UTC' }),
    checkLimits: (native) => checkWebhookLimits(native as WebhookResponse),
    close: () => bot.close(),
  };
});

describe('google Dialogflow fulfillment', () => {
  let bot: GoogleTestBot;
  const logs: string[] = [];
  before(async () => {
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString()), done()) });
    bot = await startGoogleBot(GOOGLE_TEST_ENV, {
      logger: createLogger({ level: 'debug', destination: sink }),
    });
  });
  after(() => bot.close());

  it('answers 503 with a code and runs nothing when the credentials are not configured', async () => {
    const bare = await startGoogleBot({});
    try {
      const result = await post(bare, webhookRequest('hi', SESSION, linked), basicAuthorization());
      assert.equal(result.status, 503);
      assert.deepEqual(result.body.error, {
        code: 'CHANNEL_ERR_NOT_CONFIGURED',
        message: 'This channel is not configured.',
      });
      assert.equal(bare.turns(), 0);
    } finally {
      await bare.close();
    }
  });

  it('refuses wrong, partial or non-Basic credentials with 401 and a Basic challenge, before parsing', async () => {
    const before = bot.turns();
    const attempts = [
      basicAuthorization(GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_USER, 'wrong-password-0123456789'),
      basicAuthorization('someone', GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_PASSWORD),
      basicAuthorization(GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_USER, `${GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_PASSWORD}x`),
      `Bearer ${GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_PASSWORD}`,
      'Basic %%%',
    ];
    for (const authorization of attempts) {
      const result = await post(bot, '{"not json', authorization);
      assert.equal(result.status, 401, authorization);
      assert.equal((result.body.error as { code: string }).code, 'CHANNEL_ERR_BAD_SIGNATURE');
      assert.match(result.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    }
    assert.equal(bot.turns(), before);
  });

  it('acknowledges a repeated responseId with an empty response and runs no second turn', async () => {
    const request = webhookRequest("what's my balance", SESSION, linked);
    const first = await post(bot, request, basicAuthorization());
    const before = bot.turns();
    const again = await post(
      bot,
      { ...request, queryResult: { queryText: 'freeze my card' } },
      basicAuthorization(),
    );
    assert.equal(first.status, 200);
    assert.ok(first.body.payload, 'the first delivery is answered');
    assert.deepEqual({ status: again.status, body: again.body }, { status: 200, body: {} });
    assert.equal(bot.turns(), before);
  });

  it('answers a linked customer natively, after the voice PIN: bubble, SSML, basic card and generic messages', async () => {
    const ask = webhookRequest("what's my balance", `${SESSION}-b`, linked);
    const asked = (await post(bot, ask, basicAuthorization())).body as WebhookResponse;
    assert.deepEqual(textsOf(asked), [PIN_PROMPT]);
    assert.equal(asked.payload?.google.expectUserResponse, true);
    const result = await post(bot, webhookRequest('2468', `${SESSION}-b`, linked), basicAuthorization());
    const response = result.body as WebhookResponse;
    assert.deepEqual(textsOf(response), [
      [
        'Here are your balances:',
        '• Everyday Checking (••6789): $6,967.37 ($6,938.41 available)',
        '• High-Yield Savings (••4321): $14,024.49 ($14,024.49 available)',
        '• Rewards Visa (••1517): $656.17 owed ($7,327.96 available)',
      ].join('\n'),
    ]);
    const google = response.payload?.google;
    assert.equal(google?.expectUserResponse, false);
    const first = google?.richResponse.items[0];
    assert.ok(first && 'simpleResponse' in first);
    assert.match(
      first.simpleResponse.ssml,
      /^<speak>Your Everyday Checking \(ending in <say-as interpret-as="characters">6789<\/say-as>\)/,
    );
    assert.match(
      first.simpleResponse.ssml,
      /<say-as interpret-as="currency" language="en-US">\$6,967\.37<\/say-as>/,
    );
    assert.match(response.fulfillmentText ?? '', /^Here are your balances:\n• Everyday Checking/);
    assert.deepEqual(response.fulfillmentMessages?.[1], {
      card: { title: 'Everyday Checking (••6789): $6,967.37', subtitle: '$6,938.41 available' },
    });
  });

  it("recognises in the request's language: Spanish for languageCode es-ES", async () => {
    const request = webhookRequest('cuánto dinero tengo en mi cuenta', `${SESSION}-es`, linked);
    const spanish = {
      ...request,
      queryResult: { ...(request.queryResult as object), languageCode: 'es-ES' },
    };
    const result = await post(bot, spanish, basicAuthorization());
    assert.equal(result.status, 200);
    const turn = logs
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"event":"turn"'))
      .map((line) => JSON.parse(line) as { intent?: string })
      .at(-1);
    assert.equal(turn?.intent, 'balance.check');
  });

  it('greets on the welcome event and offers at most 8 suggestion chips', async () => {
    const welcome = JSON.parse(
      readFileSync(`${FIXTURES}/dialogflow-v2.webhook-request.aog-welcome.json`, 'utf8'),
    );
    welcome.responseId = randomUUID();
    welcome.originalDetectIntentRequest.payload.user.accessToken = sandboxAccessToken('alex');
    const response = (await post(bot, welcome, basicAuthorization())).body as WebhookResponse;
    assert.match(textsOf(response)[0] ?? '', /^Hi Alex! I can help with/);
    assert.equal(response.payload?.google.expectUserResponse, true);
    assert.deepEqual(
      response.payload?.google.richResponse.suggestions?.map((s) => s.title),
      ["What's my balance?", 'Recent transactions', 'Was this charge me?', 'Freeze my card'],
    );
  });

  it('asks an unlinked user to sign in with the SIGN_IN helper, microphone open', async () => {
    const response = (
      await post(bot, webhookRequest('hi', `${SESSION}-u`, { userId: 'u-x' }), basicAuthorization())
    ).body as WebhookResponse;
    assert.match(textsOf(response)[0] ?? '', /link your bank account/);
    assert.equal(response.payload?.google.expectUserResponse, true);
    assert.deepEqual(response.payload?.google.systemIntent, {
      intent: 'actions.intent.SIGN_IN',
      data: {
        '@type': 'type.googleapis.com/google.actions.v2.SignInValueSpec',
        optContext: 'To help with your bank accounts',
      },
    });
  });

  it('signals a handoff to a person in a liveAgentHandoff payload, intent codes only', async () => {
    await post(bot, webhookRequest("what's my balance", `${SESSION}-h`, linked), basicAuthorization());
    const response = (
      await post(
        bot,
        webhookRequest('I want to talk to a real person', `${SESSION}-h`, linked),
        basicAuthorization(),
      )
    ).body as WebhookResponse;
    const handoff = response.fulfillmentMessages?.find((m) => 'payload' in m);
    assert.deepEqual(handoff, {
      payload: { liveAgentHandoff: true, handoff: { reason: 'customer_request', topics: ['balance.check'] } },
    });
  });

  it('never logs the access token or the credentials', () => {
    const all = logs.join('');
    assert.ok(all.length > 0, 'something was logged');
    for (const secret of [
      sandboxAccessToken('alex'),
      GOOGLE_TEST_ENV.GOOGLE_WEBHOOK_PASSWORD,
      basicAuthorization(),
    ])
      assert.ok(!all.includes(secret), 'no secret in the logs');
  });
});

describe('google Dialogflow replays across instances sharing Redis', () => {
  it('acknowledges a copy another instance answered without running it, and answers the next request', async () => {
    const { storages, teardown } = await sharedRedisUnderTest('google-replay');
    const [a, b] = await Promise.all(storages.map((storage) => startGoogleBot(GOOGLE_TEST_ENV, { storage })));
    try {
      const request = webhookRequest("what's my balance", SESSION, linked);
      const first = await post(a!, request, basicAuthorization());
      assert.equal(first.status, 200);
      assert.ok(first.body.fulfillmentMessages, 'the first instance answered');
      const copy = await post(b!, request, basicAuthorization());
      assert.equal(copy.status, 200);
      assert.deepEqual(copy.body, {}, 'the copy is acknowledged empty, as a duplicate');
      const next = await post(b!, webhookRequest("what's my balance", SESSION, linked), basicAuthorization());
      assert.ok(next.body.fulfillmentMessages, 'a new request is answered by the other instance');
    } finally {
      await Promise.all([a?.close(), b?.close()]);
      await teardown();
    }
  });
});
