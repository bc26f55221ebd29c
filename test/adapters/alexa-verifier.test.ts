import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { X509Certificate } from 'node:crypto';
import { isAlexaCertUrl } from '../../adapters/channels/alexa/cert-url.js';
import type { CertChainFetcher } from '../../adapters/channels/alexa/cert-chain.js';
import { createAlexaVerifier } from '../../adapters/channels/alexa/request-verifier.js';
import { CodedError, type ErrorCode } from '../../bot/errors.js';
import { silentLogger } from '../../bot/logger.js';
import type { HttpRequest } from '../../bot/server.js';
import { alexaTestKit, type SigningChain } from '../support/drivers/alexa.driver.js';

const FIXTURE = 'test/fixtures/channels/alexa/launch-request.ask-sdk-express-adapter.json';
const FIXTURE_SKILL = 'amzn1.ask.skill.c966b8cb-80bc-4482-8ddf-63af59ca07fc';
/** Seven seconds after the fixture's own request.timestamp (2019-07-15T22:44:23Z). */
const FIXTURE_TIME = new Date('2019-07-15T22:44:30Z');
const NOW = new Date('2030-03-01T12:00:00Z');

function verifierAt(now: Date, fetchCertChain?: CertChainFetcher) {
  const kit = alexaTestKit();
  return createAlexaVerifier({
    skillIds: new Set([FIXTURE_SKILL]),
    fetchCertChain: fetchCertChain ?? kit.options.fetchCertChain!,
    trustedRoots: () => [new X509Certificate(kit.rootPem)],
    now: () => now,
    logger: silentLogger(),
  });
}

function request(body: Buffer, headers: Record<string, string>): HttpRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    path: '/api/alexa',
    query: new URLSearchParams(),
    headers: lower,
    rawBody: body,
    remoteAddress: '127.0.0.1',
  };
}

/** A LaunchRequest sent at `at`, for the fixture's skill. */
function launch(
  at: Date,
  requestId = `amzn1.echo-api.request.${at.getTime()}-${Math.random()}`,
  skill = FIXTURE_SKILL,
): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: '1.0',
      context: {
        System: { application: { applicationId: skill }, user: { userId: 'amzn1.ask.account.TEST' } },
      },
      request: { type: 'LaunchRequest', requestId, timestamp: at.toISOString(), locale: 'en-US' },
    }),
  );
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CodedError, `a CodedError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

describe('alexa certificate URL', () => {
  const cases: [string, boolean][] = [
    ['https://s3.amazonaws.com/echo.api/echo-api-cert.pem', true],
    ['https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem', true],
    ['HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem', true],
    ['https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem', true],
    ['http://s3.amazonaws.com/echo.api/echo-api-cert.pem', false],
    ['https://notamazon.com/echo.api/echo-api-cert.pem', false],
    ['https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem', false],
    ['https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem', false],
    ['https://s3.amazonaws.com/invalid.path/echo-api-cert.pem', false],
    ['https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem', false],
    ['https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem', false],
    ['not a url', false],
  ];
  for (const [url, accepted] of cases) {
    it(`${accepted ? 'accepts' : 'refuses'} ${url}`, () => assert.equal(isAlexaCertUrl(url), accepted));
  }
});

describe('alexa request verifier', () => {
  it('accepts the official LaunchRequest fixture, raw bytes as stored, signed by a test chain', async () => {
    const kit = alexaTestKit();
    const raw = readFileSync(FIXTURE);
    const envelope = await verifierAt(FIXTURE_TIME)(request(raw, kit.sign(raw)));
    assert.equal(envelope.request.type, 'LaunchRequest');
    assert.equal(envelope.request.requestId, 'amzn1.echo-api.request.ea2d2b70-7b8e-4b18-9cfa-37c55c7464d5');
  });

  it('rejects the same fixture with one character changed', async () => {
    const kit = alexaTestKit();
    const raw = readFileSync(FIXTURE);
    const headers = kit.sign(raw);
    const changed = Buffer.from(raw);
    const at = changed.indexOf('"locale":"en-US"') + '"locale":"en-'.length;
    changed.write('G', at);
    await rejectsWith(verifierAt(FIXTURE_TIME)(request(changed, headers)), 'CHANNEL_ERR_BAD_SIGNATURE');
  });

  it('verifies the bytes, not a re-serialisation (10.0 stays 10.0)', async () => {
    const kit = alexaTestKit();
    const raw = readFileSync(FIXTURE);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    assert.notDeepEqual(reserialised, raw, 'JSON.stringify changes the bytes');
    await rejectsWith(
      verifierAt(FIXTURE_TIME)(request(reserialised, kit.sign(raw))),
      'CHANNEL_ERR_BAD_SIGNATURE',
    );
  });

  it('requires both signature headers', async () => {
    const kit = alexaTestKit();
    const body = launch(NOW);
    const headers = kit.sign(body);
    for (const missing of Object.keys(headers)) {
      const partial = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== missing));
      await rejectsWith(verifierAt(NOW)(request(body, partial)), 'CHANNEL_ERR_BAD_SIGNATURE');
    }
  });

  it('never downloads from a certificate URL Amazon would not use', async () => {
    const kit = alexaTestKit();
    const body = launch(NOW);
    let downloads = 0;
    const verify = verifierAt(NOW, async (url) => {
      downloads += 1;
      return kit.options.fetchCertChain!(url);
    });
    for (const url of [
      'http://s3.amazonaws.com/echo.api/bankbot-test-leaf.pem',
      'https://evil.example/echo.api/bankbot-test-leaf.pem',
      'https://s3.amazonaws.com/echo.api/../keys/bankbot-test-leaf.pem',
      'https://s3.amazonaws.com:8443/echo.api/bankbot-test-leaf.pem',
    ]) {
      const headers = { ...kit.sign(body), SignatureCertChainUrl: url };
      await rejectsWith(verify(request(body, headers)), 'CHANNEL_ERR_BAD_SIGNATURE');
    }
    assert.equal(downloads, 0);
  });

  const refusedChains: ['expired' | 'noSan' | 'untrusted', string][] = [
    ['expired', 'an expired leaf'],
    ['noSan', 'a leaf without the echo-api.amazon.com SAN'],
    ['untrusted', 'a chain to an untrusted root'],
  ];
  for (const [name, what] of refusedChains) {
    it(`refuses ${what}`, async () => {
      const kit = alexaTestKit();
      const body = launch(NOW);
      await rejectsWith(
        verifierAt(NOW)(request(body, kit.sign(body, kit.chains[name]))),
        'CHANNEL_ERR_BAD_SIGNATURE',
      );
    });
  }

  it('refuses a signature made with another key than the leaf', async () => {
    const kit = alexaTestKit();
    const body = launch(NOW);
    const impostor: SigningChain = { ...kit.chains.valid, key: kit.chains.untrusted.key };
    await rejectsWith(verifierAt(NOW)(request(body, kit.sign(body, impostor))), 'CHANNEL_ERR_BAD_SIGNATURE');
  });

  it('refuses timestamps more than 150 s old or ahead, and accepts them within', async () => {
    const kit = alexaTestKit();
    const verify = verifierAt(NOW);
    for (const offset of [-151_000, 151_000]) {
      const body = launch(new Date(NOW.getTime() + offset));
      await rejectsWith(verify(request(body, kit.sign(body))), 'CHANNEL_ERR_STALE');
    }
    for (const offset of [-149_000, 149_000]) {
      const body = launch(new Date(NOW.getTime() + offset));
      assert.equal((await verify(request(body, kit.sign(body)))).request.type, 'LaunchRequest');
    }
  });

  it('refuses a skill id outside ALEXA_SKILL_IDS with 403', async () => {
    const kit = alexaTestKit();
    const body = launch(NOW, undefined, 'amzn1.ask.skill.someone-else');
    await rejectsWith(verifierAt(NOW)(request(body, kit.sign(body))), 'CHANNEL_ERR_FORBIDDEN');
  });

  it('refuses a request id it has already accepted', async () => {
    const kit = alexaTestKit();
    const verify = verifierAt(NOW);
    const body = launch(NOW, 'amzn1.echo-api.request.once');
    await verify(request(body, kit.sign(body)));
    await rejectsWith(verify(request(body, kit.sign(body))), 'CHANNEL_ERR_STALE');
  });

  it('downloads a chain once and reuses it', async () => {
    const kit = alexaTestKit();
    let downloads = 0;
    const verify = verifierAt(NOW, async (url) => {
      downloads += 1;
      return kit.options.fetchCertChain!(url);
    });
    for (let i = 0; i < 3; i += 1) {
      const body = launch(NOW);
      await verify(request(body, kit.sign(body)));
    }
    assert.equal(downloads, 1);
  });

  it('checks the dates of a cached chain on every request: refused once its leaf has expired', async () => {
    const kit = alexaTestKit();
    let now = NOW;
    const verify = createAlexaVerifier({
      skillIds: new Set([FIXTURE_SKILL]),
      fetchCertChain: kit.options.fetchCertChain!,
      trustedRoots: () => [new X509Certificate(kit.rootPem)],
      now: () => now,
      logger: silentLogger(),
    });
    const first = launch(now);
    assert.equal((await verify(request(first, kit.sign(first)))).request.type, 'LaunchRequest');
    now = new Date(Date.parse(new X509Certificate(kit.chains.valid.pem).validTo) + 60_000);
    const later = launch(now);
    await rejectsWith(verify(request(later, kit.sign(later))), 'CHANNEL_ERR_BAD_SIGNATURE');
  });

  it('answers bad JSON and wrong shapes with 400 only after the signature holds', async () => {
    const kit = alexaTestKit();
    const verify = verifierAt(NOW);
    const bad = Buffer.from('{"request":');
    await rejectsWith(verify(request(bad, kit.sign(bad))), 'HTTP_ERR_BAD_JSON');
    await rejectsWith(verify(request(bad, {})), 'CHANNEL_ERR_BAD_SIGNATURE');
    const shape = Buffer.from('{"version":"1.0","request":{"type":"LaunchRequest"}}');
    await rejectsWith(verify(request(shape, kit.sign(shape))), 'CHANNEL_ERR_BAD_PAYLOAD');
  });

  it('answers 503 when the certificate cannot be downloaded at all', async () => {
    const kit = alexaTestKit();
    const body = launch(NOW);
    const verify = verifierAt(NOW, async () => {
      throw new TypeError('fetch failed');
    });
    await rejectsWith(verify(request(body, kit.sign(body))), 'CHANNEL_ERR_UNAVAILABLE');
  });
});
