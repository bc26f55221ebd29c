/**
 * Hostile input: thousands of generated requests across every HTTP endpoint, unsigned, wrongly
 * signed and validly signed (so garbage reaches the parsers behind verification). The server must
 * answer every one without a 5xx, every rejection a coded 4xx JSON error, and keep serving.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { MemoryStorage } from 'botbuilder-core';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { createBankbot } from '../../bot/index.js';
import { silentLogger } from '../../bot/logger.js';
import type { ChannelDeps } from '../../bot/ports/channel.port.js';
import { listen } from '../../bot/server.js';
import { alexaHarness, alexaTestKit } from '../support/drivers/alexa.driver.js';
import { createGoogleChannel } from '../../adapters/channels/google.channel.js';
import { GOOGLE_TEST_ENV, basicAuthorization } from '../support/drivers/google.driver.js';
import { messengerHarness, signBody } from '../support/drivers/messenger.driver.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
const ROUTES = [
  '/api/messenger',
  '/api/alexa',
  '/api/google',
  '/api/google/actions',
  '/healthz',
  '/api/nope',
  '/',
] as const;

const fixture = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
const SAMPLES = [
  fixture('test/fixtures/channels/messenger/webhook.message.botbuilder-dotnet.json'),
  fixture('test/fixtures/channels/alexa/launch-request.ask-sdk-express-adapter.json'),
  fixture('test/fixtures/channels/alexa/intent-request-with-slot.ask-sdk-v1.json'),
  fixture('test/fixtures/channels/google/dialogflow-v2.webhook-request.generic.json'),
];

/** A platform sample with one leaf replaced: plausible enough to get past the first checks. */
function mutate(sample: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof sample !== 'object' || sample === null) return replacement;
  const entries = Object.entries(sample);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const [key, value] = entries[head % entries.length]!;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(sample) ? [...sample] : { ...sample };
  (copy as Record<string, unknown>)[key] = mutate(value, rest, replacement);
  return copy;
}

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    '\uFEFF{}',
    '{"__proto__":{"polluted":1}}',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '${7*7}',
    '\uD800',
    '🏦💸'.repeat(500),
  ),
  fc.string({ maxLength: 3000, unit: 'binary' }),
);
const jsonish = fc.oneof(
  fc.anything({ maxDepth: 6 }),
  fc.json({ maxDepth: 6 }).map((s) => JSON.parse(s) as unknown),
);
const body = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...SAMPLES), fc.array(fc.nat(), { maxLength: 6 }), fc.oneof(jsonish, nasty))
      .map(([s, p, r]) => JSON.stringify(mutate(s, p, r)) ?? 'null'),
  },
  { weight: 2, arbitrary: jsonish.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: nasty },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100, max: 20_000 })
      .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{"object":', '{"request":{"type":"IntentRequest"', 'null', '[]', '{}'),
  },
);
const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT'),
  body,
  auth: fc.constantFrom('none', 'garbage', 'valid', 'valid'),
  garbage: fc.string({ maxLength: 200 }),
});

type Fuzzed = typeof request extends fc.Arbitrary<infer T> ? T : never;

const PROJECT = 'bankbot-fuzz';

/** Signed Alexa garbage only reaches the parser with a fresh timestamp and an unused request id. */
function freshAlexa(body: string, index: number): string {
  try {
    const envelope = JSON.parse(body) as { request?: unknown };
    if (
      typeof envelope !== 'object' ||
      envelope === null ||
      typeof envelope.request !== 'object' ||
      envelope.request === null
    )
      return body;
    Object.assign(envelope.request, {
      timestamp: new Date().toISOString(),
      requestId: `amzn1.echo-api.request.fuzz-${index}`,
    });
    return JSON.stringify(envelope);
  } catch {
    return body;
  }
}

function headersFor(item: Fuzzed, bytes: Buffer, jwt: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const junk = item.garbage.replace(/[^\x20-\x7e]/g, 'x');
  if (item.auth === 'garbage') {
    Object.assign(headers, {
      'x-hub-signature-256': `sha256=${junk}`,
      signaturecertchainurl: junk,
      'signature-256': junk,
      authorization: `Basic ${junk}`,
      'google-assistant-signature': junk,
    });
  } else if (item.auth === 'valid') {
    if (item.route === '/api/messenger') Object.assign(headers, signBody(bytes));
    if (item.route === '/api/alexa') Object.assign(headers, alexaTestKit().sign(bytes));
    if (item.route === '/api/google') headers.authorization = basicAuthorization();
    if (item.route === '/api/google/actions') headers['google-assistant-signature'] = jwt;
  }
  return headers;
}

describe('hostile input over HTTP', () => {
  let server: Server;
  let base: string;
  let signingKey: CryptoKey;
  before(async () => {
    const now = () => new Date(TEST_NOW);
    const keys = await generateKeyPair('RS256');
    signingKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'fuzz', alg: 'RS256' };
    const google = { ...GOOGLE_TEST_ENV, GOOGLE_ACTIONS_PROJECT_ID: PROJECT };
    const env = { NODE_ENV: 'test', ...messengerHarness.env, ...alexaHarness.env, ...google };
    const bankbot = await createBankbot(loadConfig(env, '/nonexistent'), silentLogger(), {
      bank: createSandboxBank({ now }),
      storage: new MemoryStorage(),
      recognizer: await testRecognizer(),
      now,
      channels: (deps: ChannelDeps) => [
        ...[messengerHarness, alexaHarness].flatMap((h) => h.channels?.(deps) ?? []),
        createGoogleChannel(loadConfig(env, '/nonexistent'), deps, {
          keys: createLocalJWKSet({ keys: [jwk] }),
        }),
      ],
    });
    server = bankbot.createServer();
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it(`answers ${REQUESTS} generated requests with no 5xx and a coded 4xx for every rejection`, async () => {
    const items = fc.sample(request, { numRuns: REQUESTS, seed: 20261121 });
    const jwt = await new SignJWT({ iss: 'https://accounts.google.com', aud: PROJECT })
      .setProtectedHeader({ alg: 'RS256', kid: 'fuzz' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(signingKey);
    const counts = new Map<string, number>();
    const problems: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const index = next++;
        const item = items[index]!;
        const bytes = Buffer.from(
          item.route === '/api/alexa' && item.auth === 'valid' ? freshAlexa(item.body, index) : item.body,
        );
        const sendsBody = item.method !== 'GET';
        const response = await fetch(
          `${base}${item.route}${item.method === 'GET' ? `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(item.garbage)}&hub.challenge=1` : ''}`,
          {
            method: item.method,
            headers: headersFor(item, bytes, jwt),
            ...(sendsBody ? { body: bytes } : {}),
          },
        );
        const text = await response.text();
        const key = `${response.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (response.status >= 500)
          problems.push(`${item.method} ${item.route} → ${response.status} ${text.slice(0, 200)}`);
        if (response.status >= 400) {
          let code: unknown;
          try {
            code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
          } catch {
            code = undefined;
          }
          if (typeof code !== 'string')
            problems.push(
              `${item.method} ${item.route} → ${response.status} without a coded JSON error: ${text.slice(0, 120)}`,
            );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const summary = [...counts.entries()]
      .sort()
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    console.log(`fuzz: ${items.length} requests; by status ${summary}; problems ${problems.length}`);
    assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
    assert.equal((await fetch(`${base}/healthz`)).status, 200, 'still serving');
  });
});
