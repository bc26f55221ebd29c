import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createClient } from 'redis';
import { toRedisKey } from '../../adapters/storage/redis.storage.js';
import { sharedRedisUnderTest } from '../support/redis-storage.js';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { ALEXA_PATH, createAlexaChannel } from '../../adapters/channels/alexa.channel.js';
import { alexaEnvelope } from '../../adapters/channels/alexa/envelope.js';
import { createIntentTable } from '../../adapters/channels/alexa/intent-names.js';
import { toAlexaTurn } from '../../adapters/channels/alexa/request-mapper.js';
import {
  checkAlexaLimits,
  renderAlexaResponse,
  type AlexaResponseEnvelope,
} from '../../adapters/channels/alexa/response-renderer.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { silentLogger } from '../../bot/logger.js';
import { listen } from '../../bot/server.js';
import { runChannelContract } from '../contracts/channel.contract.js';
import {
  ALEXA_TEST_SKILL_ID,
  alexaIntentFor,
  alexaRequest,
  alexaTestKit,
} from '../support/drivers/alexa.driver.js';
import { PIN_PROMPT } from '../support/step-up-steps.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';

const DIR = 'test/fixtures/channels/alexa';
const fixture = (name: string): Buffer => readFileSync(`${DIR}/${name}`);
const SAMPLES = [
  'launch-request.ask-sdk-express-adapter.json',
  'launch-request.test-automation-sample.json',
  'intent-request-with-slot.ask-sdk-v1.json',
  'intent-request.balance-check.synthesized.json',
];
const SKILL_IDS = [
  ALEXA_TEST_SKILL_ID,
  'amzn1.ask.skill.c966b8cb-80bc-4482-8ddf-63af59ca07fc',
  'amzn1.ask.skill.3c38a39f-3da9-4cd1-803d-9056c724d4af',
  'amzn1.ask.skill.[unique-value-here]',
].join(',');

/** Alexa stamps every request: a fresh id and the time of sending, written into the raw bytes. */
function stamp(body: Buffer, at: Date): Buffer {
  let id = 0;
  return Buffer.from(
    body
      .toString('utf8')
      .replace(/("timestamp"\s*:\s*)"[^"]*"/g, `$1"${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}"`)
      .replace(
        /("requestId"\s*:\s*)"[^"]*"/g,
        (_, key: string) => `${key}"amzn1.echo-api.request.${Date.now()}-${(id += 1)}-${Math.random()}"`,
      ),
  );
}

/** What Alexa sends for "two four six eight" (CodeIntent, the digits in {code}). */
function codeIntent(code: string) {
  const slot = { name: 'code', value: code, confirmationStatus: 'NONE', source: 'USER' };
  return { name: 'CodeIntent', confirmationStatus: 'NONE', slots: { code: slot } };
}

async function startBot(env: Record<string, string>, storage: Storage = new MemoryStorage()) {
  const kit = alexaTestKit();
  const now = () => new Date(TEST_NOW);
  const config = loadConfig({ NODE_ENV: 'test', ...env }, '/nonexistent');
  let turns = 0;
  const bankbot = await createBankbot(config, silentLogger(), {
    bank: createSandboxBank({ now }),
    storage,
    recognizer: await testRecognizer(),
    now,
    channels: (deps) => {
      const alexa = createAlexaChannel(config, deps, kit.options);
      return [{ id: 'alexa', routes: (logic) => alexa.routes((context) => ((turns += 1), logic(context))) }];
    },
  });
  const server = bankbot.createServer();
  const baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  const post = async (body: Buffer, headers = kit.sign(body)) => {
    const response = await fetch(`${baseUrl}${ALEXA_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as AlexaResponseEnvelope & { error?: { code: string } },
    };
  };
  return {
    baseUrl,
    turns: () => turns,
    post,
    /** Signs and posts an envelope built by the test, stamped now. */
    send: (envelope: unknown) => post(stamp(Buffer.from(JSON.stringify(envelope)), new Date())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

runChannelContract('alexa', async () => {
  const bot = await startBot({ ALEXA_SKILL_IDS: SKILL_IDS });
  const kit = alexaTestKit();
  return {
    baseUrl: bot.baseUrl,
    path: ALEXA_PATH,
    samples: SAMPLES.map(fixture),
    sign: async (body) => {
      const stamped = stamp(body, new Date());
      return { headers: kit.sign(stamped), body: stamped };
    },
    signExpired: async (body) => {
      const stamped = stamp(body, new Date(Date.now() - 10 * 60_000));
      return { headers: kit.sign(stamped), body: stamped };
    },
    replay: 'rejected',
    turns: bot.turns,
    settle: async () => undefined,
    render: (replies) => renderAlexaResponse(replies, { locale: 'en-US', timeZone: 'UTC' }),
    checkLimits: (native) => checkAlexaLimits(native as AlexaResponseEnvelope),
    close: bot.close,
  };
});

describe('alexa request mapping', () => {
  const intents = createIntentTable(['balance.check', 'common.greeting', 'common.cancel', 'card.freeze']);
  const options = { intents, today: '2026-11-21', defaultLocale: 'en-GB' };
  const envelopeOf = (name: string) => alexaEnvelope.parse(JSON.parse(fixture(name).toString('utf8')));

  it('maps the official LaunchRequest to a greeting in the session, with no token', () => {
    const turn = toAlexaTurn(envelopeOf('launch-request.ask-sdk-express-adapter.json'), options);
    assert.ok(turn);
    assert.equal(turn.accessToken, undefined);
    const { activity } = turn;
    assert.equal(activity.type, 'message');
    assert.equal(activity.channelId, 'alexa');
    assert.equal(activity.id, 'amzn1.echo-api.request.ea2d2b70-7b8e-4b18-9cfa-37c55c7464d5');
    assert.equal(activity.locale, 'en-US');
    assert.equal(activity.conversation?.id, 'amzn1.echo-api.session.59072b44-48d0-4d0f-9ecc-d18c662abc4e');
    assert.match(activity.from?.id ?? '', /^amzn1\.ask\.account\.AHT5VCB7/);
    assert.equal(activity.recipient?.id, 'amzn1.ask.skill.c966b8cb-80bc-4482-8ddf-63af59ca07fc');
    assert.deepEqual(activity.value, {
      recognition: {
        text: '',
        locale: 'en-US',
        intent: 'common.greeting',
        score: 1,
        intents: [{ intent: 'common.greeting', score: 1 }],
        entities: { amounts: [], numbers: [] },
      },
    });
    assert.doesNotMatch(JSON.stringify(activity), /eyJ0eXAi/, 'no consent or API token in the activity');
  });

  it('maps an IntentRequest to its bankbot intent and slots, keeping the access token out of the activity', () => {
    const turn = toAlexaTurn(envelopeOf('intent-request.balance-check.synthesized.json'), options);
    assert.ok(turn);
    assert.equal(turn.accessToken, 'sandbox-token-alex');
    assert.doesNotMatch(JSON.stringify(turn.activity), /sandbox-token/);
    assert.deepEqual(turn.activity.value, {
      recognition: {
        text: 'checking',
        locale: 'en-US',
        intent: 'balance.check',
        score: 1,
        intents: [{ intent: 'balance.check', score: 1 }],
        entities: { amounts: [], numbers: [], accountKind: 'checking' },
      },
    });
  });

  it('maps an intent the skill does not have to out-of-scope with score 0', () => {
    const turn = toAlexaTurn(envelopeOf('intent-request-with-slot.ask-sdk-v1.json'), options);
    const value = turn?.activity.value as { recognition: { intent: string; score: number } };
    assert.equal(value.recognition.intent, 'common.outOfScope');
    assert.equal(value.recognition.score, 0);
  });

  it('maps SessionEndedRequest to a cancel and uses the user as conversation without a session', () => {
    const raw = JSON.parse(fixture('session-ended-request.synthesized.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    delete raw.session;
    const turn = toAlexaTurn(alexaEnvelope.parse(raw), options);
    assert.equal(
      (turn?.activity.value as { recognition: { intent: string } }).recognition.intent,
      'common.cancel',
    );
    assert.equal(
      turn?.activity.conversation?.id,
      'amzn1.ask.account.TESTUSERALEX0000000000000000000000000000000000000000',
    );
  });

  it('answers no turn for request types bankbot does not handle', () => {
    const raw = JSON.parse(fixture('session-ended-request.synthesized.json').toString('utf8')) as {
      request: Record<string, unknown>;
    };
    raw.request.type = 'AudioPlayer.PlaybackStarted';
    assert.equal(toAlexaTurn(alexaEnvelope.parse(raw), options), undefined);
  });
});

describe('alexa channel', () => {
  let bot: Awaited<ReturnType<typeof startBot>>;
  before(async () => {
    bot = await startBot({ ALEXA_SKILL_IDS: SKILL_IDS });
  });
  after(() => bot.close());

  it('answers 503 CHANNEL_ERR_NOT_CONFIGURED without ALEXA_SKILL_IDS, even to a signed request', async () => {
    const unconfigured = await startBot({});
    try {
      const result = await unconfigured.post(stamp(fixture(SAMPLES[3]!), new Date()));
      assert.equal(result.status, 503);
      assert.equal(result.body.error?.code, 'CHANNEL_ERR_NOT_CONFIGURED');
      assert.equal(unconfigured.turns(), 0);
    } finally {
      await unconfigured.close();
    }
  });

  it('asks for the voice PIN, then answers a balance request with speech, a card and a closed session (golden)', async () => {
    const request = fixture('intent-request.balance-check.synthesized.json');
    const asked = await bot.post(stamp(request, new Date()));
    assert.deepEqual(asked.body.response.outputSpeech, {
      type: 'SSML',
      ssml: `<speak>${PIN_PROMPT}</speak>`,
    });
    assert.equal(asked.body.response.shouldEndSession, false);
    const envelope = JSON.parse(request.toString('utf8')) as { session: { new: boolean }; request: unknown };
    envelope.session.new = false;
    envelope.request = { ...(envelope.request as object), intent: codeIntent('2468') };
    const result = await bot.post(stamp(Buffer.from(JSON.stringify(envelope)), new Date()));
    assert.equal(result.status, 200);
    const golden = JSON.parse(fixture('response.balance-check.bankbot.json').toString('utf8')) as unknown;
    assert.deepEqual(result.body, golden);
  });

  it('answers an unlinked user with the LinkAccount card', async () => {
    const result = await bot.post(stamp(fixture('launch-request.ask-sdk-express-adapter.json'), new Date()));
    assert.equal(result.status, 200);
    assert.deepEqual(result.body.response.card, { type: 'LinkAccount' });
    assert.match(result.body.response.outputSpeech?.ssml ?? '', /link your bank account/);
    assert.equal(result.body.response.shouldEndSession, true);
  });

  it('ends the dialogs of a session on SessionEndedRequest, answering without speech', async () => {
    const session = {
      sessionId: 'amzn1.echo-api.session.ended-test',
      userId: 'amzn1.ask.account.ended',
      accessToken: 'sandbox-token-alex',
    };
    const select = {
      name: 'SelectIntent',
      slots: [{ name: 'ordinal', type: 'AMAZON.Ordinal' }],
      samples: [],
    };
    const model = {
      interactionModel: { languageModel: { invocationName: 'my bank', intents: [select], types: [] } },
    };
    const say = async (text: string) => {
      const recognition = await (
        await testRecognizer()
      ).recognize(text, { locale: 'en-US', timeZone: 'America/New_York', now: new Date(TEST_NOW) });
      const intent = alexaIntentFor(text, recognition, { model, merchants: [], today: '2026-11-21' });
      return bot.send(alexaRequest({ type: 'IntentRequest', intent }, session));
    };
    const question = await say('freeze my card');
    assert.equal(question.body.response.shouldEndSession, false);
    const ended = await bot.send(
      alexaRequest({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' }, session),
    );
    assert.equal(ended.status, 200);
    assert.deepEqual(ended.body, { version: '1.0', response: {} });
    const after = await say('the second one');
    assert.match(
      after.body.response.outputSpeech?.ssml ?? '',
      /can&apos;t help with that/,
      'no freeze question to answer any more',
    );
  });

  it('acknowledges request types it does not handle with an empty response and no turn', async () => {
    const before = bot.turns();
    const result = await bot.send(
      alexaRequest(
        { type: 'AudioPlayer.PlaybackStarted', token: 't', offsetInMilliseconds: 0 },
        { sessionId: 's', userId: 'u' },
      ),
    );
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, { version: '1.0', response: {} });
    assert.equal(bot.turns(), before);
  });

  it('answers an out-of-session request, the user being the conversation', async () => {
    const envelope = alexaRequest(
      { type: 'IntentRequest', intent: { name: 'BalanceCheckIntent', confirmationStatus: 'NONE' } },
      { sessionId: 'unused', userId: 'amzn1.ask.account.nosession', accessToken: 'sandbox-token-alex' },
    );
    delete envelope.session;
    const asked = await bot.send(envelope);
    assert.equal(asked.body.response.outputSpeech?.ssml, `<speak>${PIN_PROMPT}</speak>`);
    const pin = alexaRequest(
      { type: 'IntentRequest', intent: codeIntent('2468') },
      { sessionId: 'unused', userId: 'amzn1.ask.account.nosession', accessToken: 'sandbox-token-alex' },
    );
    delete pin.session;
    const result = await bot.send(pin);
    assert.equal(result.status, 200);
    assert.match(result.body.response.outputSpeech?.ssml ?? '', /Here are your balances|Everyday Checking/);
  });

  it('answers a turn that fails with a spoken apology, not a 5xx', async () => {
    const kit = alexaTestKit();
    const config = loadConfig({ NODE_ENV: 'test', ALEXA_SKILL_IDS: ALEXA_TEST_SKILL_ID }, '/nonexistent');
    const deps = {
      logger: silentLogger(),
      identity: {
        resolve: async () => undefined,
        link: async () => undefined,
        unlink: async () => undefined,
      },
      storage: new MemoryStorage(),
      now: () => new Date(TEST_NOW),
    };
    const [route] = createAlexaChannel(config, deps, kit.options).routes(async () => {
      throw new Error('a bug in the bot');
    });
    const body = stamp(fixture('intent-request.balance-check.synthesized.json'), new Date());
    const headers = Object.fromEntries(Object.entries(kit.sign(body)).map(([k, v]) => [k.toLowerCase(), v]));
    const response = await route!.handler({
      method: 'POST',
      path: ALEXA_PATH,
      query: new URLSearchParams(),
      headers,
      rawBody: body,
      remoteAddress: '127.0.0.1',
    });
    assert.equal(response.status, 200);
    const speech = (response.body as AlexaResponseEnvelope).response.outputSpeech?.ssml;
    assert.equal(speech, '<speak>Sorry, something went wrong on my side. Please try again.</speak>');
  });
});

describe('alexa replays across instances sharing Redis', () => {
  it('refuses a copy of a request another instance answered, before anything runs, and goes on after', async () => {
    const { url, prefix, storages, teardown } = await sharedRedisUnderTest('alexa-replay');
    const env = { ALEXA_SKILL_IDS: ALEXA_TEST_SKILL_ID };
    const [a, b] = await Promise.all(storages.map((storage) => startBot(env, storage)));
    const redis = createClient({ url });
    await redis.connect();
    try {
      const session = {
        sessionId: 'amzn1.echo-api.session.replay-test',
        userId: 'amzn1.ask.account.test-alex',
        accessToken: 'sandbox-token-alex',
      };
      const body = stamp(
        Buffer.from(JSON.stringify(alexaRequest({ type: 'LaunchRequest' }, session))),
        new Date(),
      );
      const headers = alexaTestKit().sign(body);
      const first = await a!.post(body, headers);
      assert.equal(first.status, 200);
      const stateKey = toRedisKey(prefix, 'alexa/conversations/amzn1.echo-api.session.replay-test/');
      const state = await redis.get(stateKey);
      assert.ok(state, 'the first turn saved its state');

      const copy = await b!.post(body, headers);
      assert.equal(copy.status, 401);
      assert.equal(copy.body.error?.code, 'CHANNEL_ERR_STALE');
      assert.equal(await redis.get(stateKey), state, 'the copy changed nothing');

      // The request is marked in the conversation's own state: a hash, never the id itself.
      const marks = (JSON.parse(state) as { requests?: unknown }).requests;
      assert.ok(Array.isArray(marks) && marks.length === 1, `one mark: ${JSON.stringify(marks)}`);
      assert.match(String(marks[0]), /^[\w-]{12}[0-9a-z]+$/);
      assert.ok(!state.includes('amzn1.echo-api.request'), 'no request id in the state');
      assert.deepEqual(await redis.keys(`${prefix}*request*`), [], 'no key of its own');

      const again = await a!.post(body, headers);
      assert.equal(again.status, 401, 'and refused by the instance that answered it');
      const next = await b!.send(alexaRequest({ type: 'LaunchRequest' }, session));
      assert.equal(next.status, 200, 'a new request of the conversation is answered by the other instance');
    } finally {
      await Promise.all([a?.close(), b?.close()]);
      await redis.quit();
      await teardown();
    }
  });
});
