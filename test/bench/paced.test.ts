import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runPaced } from '../../bench/http/paced.js';

describe('runPaced (the bench half-load generator)', () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push(body);
      const status = Number(body) % 3 === 0 ? 500 : 200;
      // Half the answers framed by Content-Length (as bankbot's server sends them), half chunked.
      if (Number(body) % 2 === 0) res.writeHead(status, { 'content-length': '2' }).end('{}');
      else res.writeHead(status).end('{}');
    });
  });
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alexa`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends every request once, in order, and counts 200s as answers and the rest as errors', async () => {
    const result = await runPaced({
      url,
      rate: 200,
      count: 30,
      connections: 4,
      next: (i) => ({ body: Buffer.from(String(i)), headers: { 'x-test': 'paced' } }),
    });
    assert.deepEqual(
      [...seen].sort((a, b) => Number(a) - Number(b)),
      Array.from({ length: 30 }, (_, i) => String(i)),
    );
    assert.equal(result.ok, 20);
    assert.equal(result.errors, 10);
    assert.ok(result.p50Ms <= result.p99Ms, 'percentiles are ordered');
  });
});
