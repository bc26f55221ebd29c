import assert from 'node:assert/strict';
import type { Server } from 'node:http';
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

  it('turns a handler bug into a coded 500 and keeps serving', async () => {
    const response = await post('/boom', '{}');
    assert.equal(response.status, 500);
    assert.equal(await errorOf(response), 'BOT_ERR_INTERNAL');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });
});
