/**
 * Hostile input over HTTP, property-based: at least FUZZ_REQUESTS (10 000) generated requests
 * across every route the server has (read from the bot, so new endpoints are fuzzed too) and
 * unknown ones: platform-shaped requests with hostile text, validly signed so it reaches the NLU
 * and the dialogs; samples with a leaf replaced; garbage. Properties: no 5xx; every rejection a
 * 4xx JSON error whose code is in the catalog with that status; a signed request replayed is
 * refused; no crash, no internal error logged, and the server still serves. Several properties
 * run side by side; a failure is shrunk by fast-check to a minimal request and reported with its
 * seed (FUZZ_SEED reproduces a run).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { alexaTestKit } from '../support/drivers/alexa.driver.js';
import { basicAuthorization } from '../support/drivers/google.driver.js';
import { signBody } from '../support/drivers/messenger.driver.js';
import {
  CUSTOMERS,
  PLATFORM_PATHS,
  freshAlexa,
  fuzzRequests,
  shapedBody,
  type FuzzRequest,
} from '../support/fuzz-requests.js';
import { assertInStreams, problemWith, startFuzzServer, type FuzzServer } from '../support/fuzz-server.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
/** Independent properties run side by side (each shrinks on its own when it fails). */
const STREAMS = 12;

interface Sent {
  readonly status: number;
  readonly text: string;
  readonly retry?: { readonly status: number; readonly text: string };
}

describe('hostile input over HTTP', () => {
  let fuzz: FuzzServer;
  before(async () => {
    fuzz = await startFuzzServer(REQUESTS * 10);
  });
  after(() => fuzz.close());

  function headersFor(item: FuzzRequest, path: string, bytes: Buffer): Record<string, string> {
    const contentType = item.kind === 'raw' ? item.contentType : 'application/json';
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    if (item.auth === 'garbage') {
      const junk = (item.kind === 'raw' ? item.junk : item.text).slice(0, 200).replace(/[^\x20-\x7e]/g, 'x');
      Object.assign(headers, {
        'x-hub-signature-256': `sha256=${junk}`,
        signaturecertchainurl: junk,
        'signature-256': junk,
        authorization: `Basic ${junk}`,
        'google-assistant-signature': junk,
      });
    } else if (item.auth === 'valid') {
      if (path === PLATFORM_PATHS.messenger) Object.assign(headers, signBody(bytes));
      if (path === PLATFORM_PATHS.alexa) Object.assign(headers, alexaTestKit().sign(bytes));
      if (path === PLATFORM_PATHS.google) headers.authorization = basicAuthorization();
      if (path === PLATFORM_PATHS.actions) {
        headers['google-assistant-signature'] = fuzz.jwt;
        if (item.kind === 'shaped' && item.user < CUSTOMERS.length)
          headers.authorization = `Bearer ${sandboxAccessToken(CUSTOMERS[item.user] ?? 'alex')}`;
      }
    }
    return headers;
  }

  const known = (path: string): string =>
    fuzz.bankbot.routes.some((route) => route.path === path) ? path : 'unknown paths';
  const counts = { requests: 0, byStatus: new Map<number, number>(), byKind: new Map<string, number>() };
  const count = <K>(map: Map<K, number>, key: K): void => void map.set(key, (map.get(key) ?? 0) + 1);

  async function exchange(method: string, url: string, headers: Record<string, string>, bytes?: Buffer) {
    const response = await fetch(url, { method, headers, ...(bytes ? { body: bytes } : {}) });
    const text = await response.text();
    counts.requests += 1;
    count(counts.byStatus, response.status);
    return { status: response.status, text };
  }

  async function send(item: FuzzRequest): Promise<Sent> {
    const method = item.kind === 'raw' ? item.route.method : 'POST';
    const path = item.kind === 'raw' ? item.route.path : PLATFORM_PATHS[item.platform];
    count(counts.byKind, item.kind === 'raw' ? `raw ${known(path)}` : `shaped ${item.platform}`);
    const body =
      item.kind === 'shaped'
        ? shapedBody(item)
        : path === PLATFORM_PATHS.alexa && item.auth === 'valid'
          ? freshAlexa(item.body)
          : item.body;
    const bytes = method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(body);
    const query =
      item.kind === 'raw' && method === 'GET'
        ? `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(item.junk)}&hub.challenge=1`
        : '';
    const headers = headersFor(item, path, bytes ?? Buffer.alloc(0));
    const first = await exchange(method, `${fuzz.base}${path}${query}`, headers, bytes);
    const replayable = item.kind === 'shaped' && item.replay && item.auth === 'valid';
    if (!replayable || (item.platform !== 'alexa' && item.platform !== 'actions')) return first;
    return { ...first, retry: await exchange(method, `${fuzz.base}${path}`, headers, bytes) };
  }

  it(`answers ${REQUESTS} generated requests with no 5xx and a coded 4xx for every rejection`, async () => {
    const arbitrary = fuzzRequests(fuzz.bankbot.routes.map(({ method, path }) => ({ method, path })));
    const property = fc.asyncProperty(arbitrary, async (item) => {
      const sent = await send(item);
      const problem = problemWith(sent.status, sent.text);
      assert.equal(problem, undefined, problem);
      if (sent.retry && sent.status === 200) {
        assert.ok(
          sent.retry.status >= 400 && sent.retry.status < 500,
          `replay answered ${sent.retry.status}`,
        );
        assert.equal(problemWith(sent.retry.status, sent.retry.text), undefined);
      }
    });
    try {
      await assertInStreams(property, { total: REQUESTS, streams: STREAMS, seed: SEED });
      await fuzz.settle();
    } finally {
      const statuses = [...counts.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
      const kinds = [...counts.byKind].sort(([, a], [, b]) => b - a).map(([k, n]) => `${k}: ${n}`);
      console.log(`fuzz: ${counts.requests} requests (seed ${SEED}); by status ${statuses.join(', ')}`);
      console.log(`fuzz: by kind ${kinds.join(', ')}`);
    }
    const internal = fuzz.internalErrors();
    const fiveHundreds = [...counts.byStatus].filter(([status]) => status >= 500).length;
    console.log(
      `fuzz: 5xx ${fiveHundreds}, crashes ${fuzz.crashes.length}, internal errors logged ${internal.length}`,
    );
    assert.ok(counts.requests >= REQUESTS, `${counts.requests} requests sent`);
    assert.deepEqual(fuzz.crashes, []);
    assert.deepEqual(internal.slice(0, 5), [], `${internal.length} internal errors logged`);
    assert.ok((counts.byStatus.get(200) ?? 0) > REQUESTS / 10, 'a good share of requests reached the bot');
    assert.equal((await fetch(`${fuzz.base}/healthz`)).status, 200, 'still serving');
  });
});
