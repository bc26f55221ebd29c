import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../bot/logger.js';
import { createHttpServer, listen, parseJson } from '../../bot/server.js';

describe('http server', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createHttpServer({
      bodyLimitBytes: 1024,
      logger: silentLogger(),
      routes: [
        { method: 'GET', path: '/healthz', handler: () => ({ status: 200, body: { status: 'ok' } }) },
        {
          method: 'POST',
          path: '/echo',
          handler: (request) => ({ status: 200, body: { got: parseJson(request) } }),
        },
        {
          method: 'POST',
          path: '/boom',
          handler: () => {
            throw new Error('bug');
          },
        },
      ],
    });
    base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: { code: string } }).error.code;
  /** Raw bytes no client library would send; resolves with the status line and the error code. */
  const raw = (bytes: string): Promise<string> =>
    new Promise((resolve) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => socket.end(bytes));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', () => resolve(text));
      socket.on('close', () => {
        const status = text.split('\r\n')[0] ?? '';
        const code = /"code":"(\w+)"/.exec(text)?.[1] ?? 'no code';
        resolve(text ? `${status} ${code}` : '');
      });
    });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('passes a JSON body through', async () => {
    assert.deepEqual(await (await post('/echo', '{"a":[1,2]}')).json(), { got: { a: [1, 2] } });
  });

  it('rejects malformed JSON with 400 and a coded JSON body', async () => {
    const response = await post('/echo', '{"a":');
    assert.equal(response.status, 400);
    assert.equal(await errorOf(response), 'HTTP_ERR_BAD_JSON');
  });

  it('rejects an oversized body with 413, declared or streamed', async () => {
    const response = await post('/echo', JSON.stringify({ pad: 'x'.repeat(5000) }));
    assert.equal(response.status, 413);
    assert.equal(await errorOf(response), 'HTTP_ERR_TOO_LARGE');
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const missing = await fetch(`${base}/nope`);
    assert.equal(missing.status, 404);
    assert.equal(await errorOf(missing), 'HTTP_ERR_NOT_FOUND');
    const wrong = await fetch(`${base}/echo`);
    assert.equal(wrong.status, 405);
    assert.equal(await errorOf(wrong), 'HTTP_ERR_METHOD');
  });

  it('answers request targets, methods and headers node refuses with a coded error, and keeps serving', async () => {
    const close = '\r\nhost: x\r\nconnection: close\r\n\r\n';
    assert.equal(await raw(`GET //[ HTTP/1.1${close}`), 'HTTP/1.1 400 Bad Request HTTP_ERR_BAD_REQUEST');
    assert.equal(await raw(`NOT A REQUEST${close}`), 'HTTP/1.1 400 Bad Request HTTP_ERR_BAD_REQUEST');
    assert.equal(
      await raw(`CONNECT /healthz HTTP/1.1${close}`),
      'HTTP/1.1 405 Method Not Allowed HTTP_ERR_METHOD',
    );
    assert.equal(
      await raw(`GET /healthz HTTP/1.1\r\nexpect: 0${close}`),
      'HTTP/1.1 417 Expectation Failed HTTP_ERR_EXPECTATION',
    );
    assert.equal(
      await raw(`GET / HTTP/1.1\r\nx: ${'a'.repeat(20_000)}${close}`),
      'HTTP/1.1 431 Request Header Fields Too Large HTTP_ERR_HEADERS_TOO_LARGE',
    );
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  it('counts a body the client abandons as its error, not an internal one', async () => {
    const logged: Record<string, unknown>[] = [];
    const logger = silentLogger();
    logger.error = ((entry: Record<string, unknown>) => void logged.push(entry)) as typeof logger.error;
    logger.info = ((entry: Record<string, unknown>) => void logged.push(entry)) as typeof logger.info;
    const quiet = createHttpServer({
      bodyLimitBytes: 1024,
      logger,
      routes: [{ method: 'POST', path: '/echo', handler: () => ({ status: 200 }) }],
    });
    const port = await listen(quiet, 0, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write('POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"a":', () =>
            socket.destroy(),
          ),
        );
        socket.on('close', () => resolve());
      });
      for (let i = 0; i < 100 && logged.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        logged.map(({ event, code }) => ({ event, code })),
        [{ event: 'http.rejected', code: 'HTTP_ERR_BAD_REQUEST' }],
      );
    } finally {
      await new Promise<void>((resolve) => quiet.close(() => resolve()));
    }
  });

  it('turns a handler bug into a coded 500 and keeps serving', async () => {
    const response = await post('/boom', '{}');
    assert.equal(response.status, 500);
    assert.equal(await errorOf(response), 'BOT_ERR_INTERNAL');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
