import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import {
  renderHandlerResponse,
  type HandlerResponse,
} from '../../adapters/channels/google/actions-response.js';
import { listen } from '../../bot/server.js';
import { reply } from '../../bot/reply.js';
import { runChannelContract, type ChannelContractSubject } from '../contracts/channel.contract.js';
import { startGoogleBot, type GoogleTestBot } from '../support/drivers/google.driver.js';
import { PIN_PROMPT } from '../support/step-up-steps.js';
import { TEST_NOW } from '../support/test-bot.js';

const FIXTURES = 'test/fixtures/channels/google';
const PATH = '/api/google/actions';
const PROJECT = 'bankbot-test-project';
const KID = 'test-key-1';
const NOW = Math.floor(new Date(TEST_NOW).getTime() / 1000);
// main first: the contract's forged-body case flips a byte in its middle (see the note below).
const SAMPLES = ['main', 'text'].map((name) =>
  readFileSync(`${FIXTURES}/actions-builder.handler-request.${name}.json`),
);
const MAIN = JSON.parse(SAMPLES[0]!.toString('utf8')) as Record<string, unknown>;
const TEXT = JSON.parse(SAMPLES[1]!.toString('utf8')) as { intent: Record<string, unknown> } & Record<
  string,
  unknown
>;

interface Claims {
  readonly iss?: string;
  readonly aud?: string;
  readonly iat?: number;
  readonly exp?: number;
  readonly kid?: string;
  readonly key?: CryptoKey;
}

/** Google's key pair and a JWKS endpoint on 127.0.0.1 that counts its fetches. */
async function startJwks(): Promise<{
  url: string;
  key: CryptoKey;
  jwk: JWK;
  fetches: () => number;
  server: Server;
}> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/oauth2/v3/certs`,
    key: privateKey,
    jwk,
    fetches: () => fetches,
    server,
  };
}

let issued = 0;
/** A token as Google signs it; each one issued a second earlier than the last, as real requests differ in time. */
function tokenWith(key: CryptoKey, claims: Claims = {}): Promise<string> {
  issued += 1;
  const iat = claims.iat ?? NOW - (issued % 600);
  return new SignJWT({ iss: claims.iss ?? 'https://accounts.google.com', aud: claims.aud ?? PROJECT })
    .setProtectedHeader({ alg: 'RS256', kid: claims.kid ?? KID, typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 3600)
    .sign(claims.key ?? key);
}

async function post(bot: GoogleTestBot, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${bot.baseUrl}${PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const codeOf = (result: { body: Record<string, unknown> }): unknown =>
  (result.body.error as { code?: unknown } | undefined)?.code;

let jwks: Awaited<ReturnType<typeof startJwks>>;
const env = (): NodeJS.ProcessEnv => ({ GOOGLE_ACTIONS_PROJECT_ID: PROJECT, GOOGLE_JWKS_URL: jwks.url });
before(async () => (jwks = await startJwks()));
after(() => new Promise<void>((resolve) => jwks.server.close(() => resolve())));

/*
 * The Google JWT authenticates the sender and the moment, not the body: the forged-body case is
 * refused here because the flipped byte breaks the JSON (400). Replays (same token, same body)
 * are refused as stale until the token expires.
 */
runChannelContract('google (Actions Builder webhook)', async (): Promise<ChannelContractSubject> => {
  const bot = await startGoogleBot(env());
  const signed = async (body: Buffer, claims?: Claims) => ({
    headers: {
      'google-assistant-signature': await tokenWith(jwks.key, claims),
      authorization: `Bearer ${sandboxAccessToken('alex')}`,
    },
    body,
  });
  return {
    baseUrl: bot.baseUrl,
    path: PATH,
    samples: SAMPLES,
    sign: (body) => signed(body),
    signExpired: (body) => signed(body, { iat: NOW - 7200, exp: NOW - 3600 }),
    replay: 'rejected',
    turns: () => bot.turns(),
    settle: async () => undefined,
    render: (replies) =>
      renderHandlerResponse(replies, { locale: 'en-US', timeZone: 'UTC' }, { sessionId: 's' }),
    checkLimits: (native) => {
      const { prompt } = native as HandlerResponse;
      for (const simple of [prompt.firstSimple, prompt.lastSimple])
        assert.ok((simple?.text.length ?? 0) <= 640);
      const lines = prompt.content?.card.text.split('  \n') ?? [];
      assert.ok(
        lines.length <= 15 && (prompt.content?.card.text.length ?? 0) <= 750,
        'card within 15 lines, 750 chars',
      );
      const chips = prompt.suggestions ?? [];
      assert.ok(chips.length <= 8 && chips.every((chip) => chip.title.length <= 25), 'chips within 8 x 25');
    },
    close: () => bot.close(),
  };
});

describe('google Actions Builder token check', () => {
  let bot: GoogleTestBot;
  before(async () => (bot = await startGoogleBot(env())));
  after(() => bot.close());

  const refused = async (
    headers: Record<string, string>,
    status: number,
    code: string,
    body: unknown = TEXT,
  ) => {
    const before = bot.turns();
    const result = await post(bot, body, headers);
    assert.deepEqual([result.status, codeOf(result)], [status, code]);
    assert.equal(bot.turns(), before, 'the bot never ran');
  };
  const signature = async (claims?: Claims) => ({
    'google-assistant-signature': await tokenWith(jwks.key, claims),
  });

  it('accepts a Google-signed token for this project, with either issuer spelling', async () => {
    for (const iss of ['https://accounts.google.com', 'accounts.google.com']) {
      const result = await post(bot, MAIN, await signature({ iss }));
      assert.equal(result.status, 200, iss);
    }
  });

  it('refuses a missing header, a wrong audience, a wrong issuer and an expired or too old token', async () => {
    await refused({}, 401, 'CHANNEL_ERR_BAD_SIGNATURE');
    await refused(await signature({ aud: 'someone-elses-project' }), 403, 'CHANNEL_ERR_FORBIDDEN');
    await refused(await signature({ iss: 'https://evil.example.com' }), 401, 'CHANNEL_ERR_BAD_SIGNATURE');
    await refused(await signature({ iat: NOW - 7200, exp: NOW - 3600 }), 401, 'CHANNEL_ERR_STALE');
    await refused(await signature({ iat: NOW - 7200, exp: NOW + 3600 }), 401, 'CHANNEL_ERR_STALE');
    await refused(await signature({ iat: NOW + 3600, exp: NOW + 7200 }), 401, 'CHANNEL_ERR_BAD_SIGNATURE');
  });

  it('refuses a token signed by an unknown key, under a known or an unknown kid, after refreshing the keys once', async () => {
    const stranger = (await generateKeyPair('RS256')).privateKey;
    await refused(await signature({ key: stranger }), 401, 'CHANNEL_ERR_BAD_SIGNATURE');
    const fetched = jwks.fetches();
    await refused(await signature({ key: stranger, kid: 'rotated-key' }), 401, 'CHANNEL_ERR_BAD_SIGNATURE');
    assert.ok(jwks.fetches() <= fetched + 1, 'an unknown kid costs at most one refresh');
  });

  it('refuses a tampered token and an unsigned (alg none) one', async () => {
    const token = await tokenWith(jwks.key);
    const [header, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, aud: PROJECT, exp: NOW + 86_400 })).toString(
      'base64url',
    );
    await refused(
      { 'google-assistant-signature': `${header}.${forged}.${sig}` },
      401,
      'CHANNEL_ERR_BAD_SIGNATURE',
    );
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: KID })).toString('base64url');
    await refused({ 'google-assistant-signature': `${none}.${payload}.` }, 401, 'CHANNEL_ERR_BAD_SIGNATURE');
    await refused({ 'google-assistant-signature': 'not-a-jwt' }, 401, 'CHANNEL_ERR_BAD_SIGNATURE');
  });

  it('checks the token before reading the body', async () => {
    await refused(
      { 'google-assistant-signature': 'not-a-jwt' },
      401,
      'CHANNEL_ERR_BAD_SIGNATURE',
      '{"broken',
    );
  });

  it('accepts a changed body under a valid token: the JWT authenticates the sender, not the bytes', async () => {
    const headers = await signature();
    const first = await post(bot, TEXT, headers);
    const before = bot.turns();
    const changed = await post(
      bot,
      { ...TEXT, intent: { ...TEXT.intent, query: 'freeze my card' } },
      headers,
    );
    assert.deepEqual([first.status, changed.status], [200, 200]);
    assert.equal(bot.turns(), before + 1);
  });

  it("answers 503 when no project id is configured, and when Google's keys cannot be fetched", async () => {
    const unconfigured = await startGoogleBot({ GOOGLE_JWKS_URL: jwks.url });
    const unreachable = await startGoogleBot({
      GOOGLE_ACTIONS_PROJECT_ID: PROJECT,
      GOOGLE_JWKS_URL: 'http://127.0.0.1:9/certs',
    });
    try {
      const headers = await signature();
      assert.deepEqual(codeOf(await post(unconfigured, TEXT, headers)), 'CHANNEL_ERR_NOT_CONFIGURED');
      const result = await post(unreachable, TEXT, headers);
      assert.deepEqual([result.status, codeOf(result)], [503, 'CHANNEL_ERR_UNAVAILABLE']);
      assert.equal(unconfigured.turns() + unreachable.turns(), 0);
    } finally {
      await unconfigured.close();
      await unreachable.close();
    }
  });

  it('verifies against keys injected in process (createLocalJWKSet)', async () => {
    const local = await startGoogleBot(
      { GOOGLE_ACTIONS_PROJECT_ID: PROJECT, GOOGLE_JWKS_URL: 'http://127.0.0.1:9/certs' },
      {
        keys: createLocalJWKSet({ keys: [jwks.jwk] }),
      },
    );
    try {
      assert.equal((await post(local, MAIN, await signature())).status, 200);
    } finally {
      await local.close();
    }
  });
});

describe('google Actions Builder conversation', () => {
  let bot: GoogleTestBot;
  before(async () => (bot = await startGoogleBot(env())));
  after(() => bot.close());
  const linked = async () => ({
    'google-assistant-signature': await tokenWith(jwks.key),
    authorization: `Bearer ${sandboxAccessToken('alex')}`,
  });

  it('greets on the main invocation and keeps the conversation open with chips', async () => {
    const { body } = await post(bot, MAIN, await linked());
    const response = body as unknown as HandlerResponse;
    assert.match(response.prompt.firstSimple?.text ?? '', /^Hi Alex! I can help/);
    assert.match(response.prompt.firstSimple?.speech ?? '', /^<speak>Hi Alex!/);
    assert.equal(response.prompt.suggestions?.length, 4);
    assert.equal(response.scene, undefined);
    assert.deepEqual(response.session, { id: (MAIN.session as { id: string }).id, params: {} });
  });

  it('asks for the voice PIN, then answers with a card for the list and ends the conversation', async () => {
    const session = { id: 'other-session' };
    const asked = (await post(bot, { ...TEXT, session }, await linked())).body as unknown as HandlerResponse;
    assert.equal(asked.prompt.firstSimple?.text, PIN_PROMPT);
    assert.equal(asked.scene, undefined, 'no END_CONVERSATION: the microphone stays open for the PIN');
    const pin = { ...TEXT, session, intent: { ...TEXT.intent, query: '2468' } };
    const { body } = await post(bot, pin, await linked());
    const response = body as unknown as HandlerResponse;
    assert.equal(response.prompt.firstSimple?.text, 'Here are your balances:');
    assert.match(
      response.prompt.content?.card.text ?? '',
      /^• Everyday Checking \(••6789\): \$6,967\.37 \(\$6,938\.41 available\) {2}\n• High-Yield/,
    );
    assert.deepEqual(response.scene, {
      name: 'Conversation',
      slots: {},
      next: { name: 'actions.scene.END_CONVERSATION' },
    });
  });

  it('sends a user without a linked account to the account-linking scene', async () => {
    const { body } = await post(
      bot,
      { ...TEXT, session: { id: 'unlinked' } },
      { 'google-assistant-signature': await tokenWith(jwks.key) },
    );
    const response = body as unknown as HandlerResponse;
    assert.match(response.prompt.firstSimple?.text ?? '', /link your bank account/);
    assert.equal(response.scene?.next.name, 'AccountLinking');
  });

  it("answers Google's health check with an empty body and no turn", async () => {
    const before = bot.turns();
    const result = await post(
      bot,
      { ...MAIN, handler: { name: 'actions.handler.HEALTH_CHECK' } },
      await linked(),
    );
    assert.deepEqual([result.status, result.body], [200, {}]);
    assert.equal(bot.turns(), before);
  });

  it('renders two bubbles as first and last simple prompts', () => {
    const response = renderHandlerResponse(
      [reply('One'), reply('Two', { expectsInput: true })],
      { locale: 'en-US', timeZone: 'UTC' },
      { sessionId: 's', scene: 'Conversation' },
    );
    assert.deepEqual(response, {
      prompt: {
        override: false,
        firstSimple: { speech: '<speak>One</speak>', text: 'One' },
        lastSimple: { speech: '<speak>Two</speak>', text: 'Two' },
      },
      session: { id: 's', params: {} },
    });
  });
});
