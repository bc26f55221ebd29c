/**
 * Hostile bytes below what an HTTP client library will send: malformed request lines and
 * targets (`//[`), odd methods and versions, conflicting or oversized headers, truncated bodies,
 * written straight to a socket. Every answer must be a non-5xx, every rejection a coded JSON
 * error, and the process must survive. Property-based (fast-check), shrunk on failure.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { INJECTIONS } from '../support/hostile-text.js';
import { assertInStreams, problemWith, startFuzzServer, type FuzzServer } from '../support/fuzz-server.js';

const REQUESTS = Number(process.env.RAW_HTTP_REQUESTS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const STREAMS = 6;
/** Only a guard against a hang: the server answers or closes at once once the client has finished. */
const EXCHANGE_GUARD_MS = 15_000;

const TARGETS = [
  '//[',
  '//:99999',
  'http://[::1',
  '*',
  '/%zz',
  '/..%2f..%2fetc/passwd',
  'http://evil.example/api/alexa',
];
const HEADER_NAMES = [
  'content-length',
  'transfer-encoding',
  'content-type',
  'host',
  'expect',
  'x-forwarded-for',
  'x-hub-signature-256',
  'signaturecertchainurl',
  'authorization',
  'connection',
  'upgrade',
];

const rawRequest = (paths: readonly string[]) =>
  fc.record({
    method: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'CONNECT', 'BREW'),
      },
      fc.string({ maxLength: 12 }),
    ),
    target: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...paths, ...TARGETS) },
      fc
        .constantFrom(...paths)
        .chain((path) => fc.string({ maxLength: 60 }).map((junk) => `${path}?${junk}`)),
      fc.string({ maxLength: 80, unit: 'binary' }),
    ),
    version: fc.constantFrom(
      'HTTP/1.1',
      'HTTP/1.1',
      'HTTP/1.0',
      'HTTP/2.0',
      'http/1.1',
      'HTTP/1.1 extra',
      '',
    ),
    headers: fc.array(
      fc.tuple(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HEADER_NAMES) }, fc.string({ maxLength: 20 })),
        fc.oneof(
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              '0',
              '-1',
              '99999999999',
              'chunked',
              'chunked, identity',
              '100-continue',
              ...INJECTIONS,
            ),
          },
          { weight: 4, arbitrary: fc.string({ maxLength: 100 }) },
          fc.integer({ min: 1, max: 70 }).map((kib) => 'x'.repeat(kib * 1024)),
        ),
      ),
      { maxLength: 8 },
    ),
    body: fc.oneof(fc.string({ maxLength: 500 }), fc.constantFrom('0\r\n\r\n', 'zz\r\n', '{"object":"page"')),
  });

type RawRequest = fc.Arbitrary<ReturnType<typeof rawRequest> extends fc.Arbitrary<infer T> ? T : never>;
type Raw = RawRequest extends fc.Arbitrary<infer T> ? T : never;

function bytesOf(request: Raw): Buffer {
  const lines = [`${request.method} ${request.target} ${request.version}`.trimEnd(), 'host: 127.0.0.1'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const framed = request.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name));
  // The true length unless a generated header frames the body (truthfully or not).
  if (!framed) lines.push(`content-length: ${Buffer.byteLength(request.body)}`);
  lines.push('connection: close');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${request.body}`, 'utf8');
}

/** Writes the bytes, half-closes, and reads until the server closes. */
function exchange(port: number, bytes: Buffer): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const guard = setTimeout(() => socket.destroy(new Error('no answer and no close')), EXCHANGE_GUARD_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(guard);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), error: error.message });
    });
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ text: Buffer.concat(chunks).toString('latin1') });
    });
  });
}

/** The first response's status and body (bodies are sent with content-length). */
function firstResponse(text: string, method: string): { status: number; body: string } | undefined {
  const status = /^HTTP\/1\.[01] (\d{3}) /.exec(text)?.[1];
  if (!status) return undefined;
  const headEnd = text.indexOf('\r\n\r\n');
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, headEnd))?.[1] ?? 0);
  const body = method === 'HEAD' ? '' : text.slice(headEnd + 4, headEnd + 4 + length);
  return { status: Number(status), body: Buffer.from(body, 'latin1').toString('utf8') };
}

describe('hostile bytes over raw HTTP', () => {
  let fuzz: FuzzServer;
  before(async () => {
    fuzz = await startFuzzServer(REQUESTS * 10);
  });
  after(() => fuzz.close());

  it(`answers ${REQUESTS} malformed requests without a 5xx, each rejection coded, and survives`, async () => {
    const paths = [...new Set(fuzz.bankbot.routes.map((route) => route.path))];
    const counts = new Map<string, number>();
    const count = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
    const property = fc.asyncProperty(rawRequest(paths), async (request) => {
      const { text, error } = await exchange(fuzz.port, bytesOf(request));
      const response = firstResponse(text, request.method);
      count(response ? String(response.status) : error ? 'reset' : 'closed');
      assert.notEqual(error, 'no answer and no close');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      assert.ok(
        statuses.every((status) => status < 500),
        `answered ${statuses.join(', ')}`,
      );
      if (response && response.status >= 400) {
        const problem = problemWith(response.status, response.body);
        if (request.method !== 'HEAD') assert.equal(problem, undefined, problem);
      }
    });
    try {
      await assertInStreams(property, { total: REQUESTS, streams: STREAMS, seed: SEED });
      await fuzz.settle();
    } finally {
      const summary = [...counts].sort().map(([k, n]) => `${k}: ${n}`);
      console.log(
        `raw http: ${[...counts.values()].reduce((a, b) => a + b, 0)} exchanges; ${summary.join(', ')}`,
      );
    }
    const internal = fuzz.internalErrors();
    console.log(`raw http: crashes ${fuzz.crashes.length}, internal errors logged ${internal.length}`);
    assert.deepEqual(fuzz.crashes, []);
    assert.deepEqual(internal.slice(0, 5), []);
    assert.equal((await fetch(`${fuzz.base}/healthz`)).status, 200, 'still serving');
  });
});
