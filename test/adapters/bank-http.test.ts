import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBankHttp, type BankHttpOptions } from '../../adapters/banks/http/bank-http.js';
import { createCircuitBreaker } from '../../adapters/banks/http/circuit-breaker.js';
import { retryAfterSeconds } from '../../adapters/banks/http/retry-after.js';
import { BankError, isBankError, type BankErrorCode } from '../../bot/ports/bank.port.js';

/** A clock tests move by hand. */
function fakeClock(start = Date.parse('2026-11-20T15:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function rejectsWith(promise: Promise<unknown>, code: BankErrorCode): Promise<BankError> {
  let caught: unknown;
  await assert.rejects(
    promise,
    (error: unknown) => ((caught = error), isBankError(error) && error.code === code),
  );
  if (!isBankError(caught)) assert.fail('not a BankError');
  return caught;
}

const outage = () => Promise.reject(new BankError('BANK_ERR_UNAVAILABLE'));
const isOutage = (error: unknown) => isBankError(error) && error.code === 'BANK_ERR_UNAVAILABLE';

describe('circuit breaker', () => {
  it('opens after the configured number of consecutive failures and then fails fast', async () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({ failureThreshold: 3, openMs: 10_000, now: clock.now });
    for (let i = 0; i < 3; i++) await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    assert.equal(breaker.state(), 'open');
    let called = false;
    const work = async () => ((called = true), 'answer');
    const error = await rejectsWith(breaker.run(work, isOutage), 'BANK_ERR_UNAVAILABLE');
    assert.match(error.message, /circuit open/);
    assert.equal(called, false);
  });

  it('lets one probe through after the open period and closes when it succeeds', async () => {
    const clock = fakeClock();
    const states: string[] = [];
    const breaker = createCircuitBreaker({
      failureThreshold: 1,
      openMs: 10_000,
      now: clock.now,
      onStateChange: (state) => states.push(state),
    });
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    clock.advance(9_999);
    assert.equal(breaker.state(), 'open');
    clock.advance(1);
    assert.equal(breaker.state(), 'half-open');
    let release: (value: string) => void = () => undefined;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = resolve)), isOutage);
    await rejectsWith(
      breaker.run(async () => 'second', isOutage),
      'BANK_ERR_UNAVAILABLE',
    );
    release('ok');
    assert.equal(await probe, 'ok');
    assert.equal(breaker.state(), 'closed');
    assert.deepEqual(states, ['open', 'half-open', 'closed']);
  });

  it('reopens for a full period when the probe fails', async () => {
    const clock = fakeClock();
    const breaker = createCircuitBreaker({ failureThreshold: 2, openMs: 5_000, now: clock.now });
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    clock.advance(5_000);
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    assert.equal(breaker.state(), 'open');
    clock.advance(4_999);
    assert.equal(breaker.state(), 'open');
  });

  it('does not count answers like not-found, and a success resets the count', async () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2 });
    const notFound = () => Promise.reject(new BankError('BANK_ERR_NOT_FOUND'));
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    await rejectsWith(breaker.run(notFound, isOutage), 'BANK_ERR_NOT_FOUND');
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    assert.equal(breaker.state(), 'closed');
    assert.equal(await breaker.run(async () => 1, isOutage), 1);
    await rejectsWith(breaker.run(outage, isOutage), 'BANK_ERR_UNAVAILABLE');
    assert.equal(breaker.state(), 'closed');
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-10-21T07:27:30Z');
    assert.equal(retryAfterSeconds('120', now), 120);
    assert.equal(retryAfterSeconds('Wed, 21 Oct 2026 07:28:00 GMT', now), 30);
    assert.equal(retryAfterSeconds('Wed, 21 Oct 2026 07:00:00 GMT', now), 0);
    assert.equal(retryAfterSeconds('soon', now), undefined);
    assert.equal(retryAfterSeconds(null, now), undefined);
  });
});

type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' | 'network';

/** A fetch that answers from a script and records what was asked. */
function scriptedFetch(answers: Answer[]) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const answer = answers.shift() ?? { status: 200, body: {} };
    if (answer === 'network') return Promise.reject(new TypeError('fetch failed'));
    if (answer === 'hang') {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    const headers = new Headers(answer.headers);
    const echo = new Headers(init?.headers).get('x-fapi-interaction-id');
    if (echo && !headers.has('x-fapi-interaction-id')) headers.set('x-fapi-interaction-id', echo);
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(text, { status: answer.status, headers }));
  };
  return { fetch, calls };
}

function client(answers: Answer[], options: Partial<BankHttpOptions> = {}) {
  const scripted = scriptedFetch(answers);
  const waits: number[] = [];
  const http = createBankHttp({
    baseUrl: 'https://bank.example/open-banking/v4.0/aisp',
    name: 'test-bank',
    fetch: scripted.fetch,
    sleep: async (ms) => void waits.push(ms),
    interactionIdHeader: 'x-fapi-interaction-id',
    ...options,
  });
  return { http, waits, calls: scripted.calls };
}

const get = { method: 'GET', url: '/accounts' } as const;

describe('bank http', () => {
  it('sends a fresh interaction id on every request under the base path', async () => {
    const { http, calls } = client([
      { status: 200, body: { a: 1 } },
      { status: 200, body: { a: 2 } },
    ]);
    assert.deepEqual((await http.send(get)).body, { a: 1 });
    await http.send({ ...get, query: { fromBookingDateTime: '2026-11-01T00:00:00Z' } });
    assert.equal(calls[0]?.url, 'https://bank.example/open-banking/v4.0/aisp/accounts');
    assert.match(calls[1]?.url ?? '', /accounts\?fromBookingDateTime=2026-11-01T00%3A00%3A00Z$/);
    const ids = calls.map((c) => c.headers.get('x-fapi-interaction-id') ?? '');
    assert.ok(
      ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    );
    assert.notEqual(ids[0], ids[1]);
  });

  it('refuses an answer whose interaction id is missing or not the one sent', async () => {
    const wrong = client([{ status: 200, headers: { 'x-fapi-interaction-id': 'someone-else' }, body: {} }]);
    await rejectsWith(wrong.http.send(get), 'BANK_ERR_UNAVAILABLE');
    const fetch: typeof globalThis.fetch = async () => new Response('{}', { status: 200 });
    const missing = createBankHttp({
      baseUrl: 'https://bank.example',
      name: 't',
      fetch,
      interactionIdHeader: 'x-fapi-interaction-id',
    });
    await rejectsWith(missing.send(get), 'BANK_ERR_UNAVAILABLE');
  });

  it('maps 401, 403, 404 and 400 to their codes without counting them against the bank', async () => {
    const { http } = client([{ status: 401 }, { status: 403 }, { status: 404 }, { status: 400 }], {
      breaker: { failureThreshold: 1 },
    });
    await rejectsWith(http.send(get), 'BANK_ERR_UNAUTHORIZED');
    await rejectsWith(http.send(get), 'BANK_ERR_FORBIDDEN');
    await rejectsWith(http.send(get), 'BANK_ERR_NOT_FOUND');
    await rejectsWith(http.send(get), 'BANK_ERR_INVALID');
    assert.equal(http.breaker.state(), 'closed');
  });

  it('turns 5xx, network errors and timeouts into BANK_ERR_UNAVAILABLE that open the breaker', async () => {
    const { http, calls } = client([{ status: 503 }, 'network', 'hang'], {
      timeoutMs: 20,
      breaker: { failureThreshold: 3, openMs: 60_000 },
    });
    for (const why of [/HTTP 503/, /network error/, /timeout/]) {
      const error = await rejectsWith(http.send(get), 'BANK_ERR_UNAVAILABLE');
      assert.match(error.message, why);
    }
    assert.equal(http.breaker.state(), 'open');
    await rejectsWith(http.send(get), 'BANK_ERR_UNAVAILABLE');
    assert.equal(calls.length, 3, 'the open breaker did not call the bank');
  });

  it('waits out a 429 Retry-After within the bound and retries', async () => {
    const { http, waits, calls } = client(
      [
        { status: 429, headers: { 'retry-after': '2' } },
        { status: 200, body: 'ok' },
      ],
      {
        rateLimit: { maxRetries: 1, maxWaitSeconds: 2 },
      },
    );
    assert.equal((await http.send(get)).body, 'ok');
    assert.deepEqual(waits, [2000]);
    assert.equal(calls.length, 2);
  });

  it('gives up with BANK_ERR_RATE_LIMITED and the wait when Retry-After is beyond the bound', async () => {
    const { http, waits } = client([{ status: 429, headers: { 'retry-after': '30' } }], {
      rateLimit: { maxWaitSeconds: 2 },
      breaker: { failureThreshold: 1 },
    });
    const error = await rejectsWith(http.send(get), 'BANK_ERR_RATE_LIMITED');
    assert.equal(error.retryAfterSeconds, 30);
    assert.deepEqual(waits, []);
    assert.equal(http.breaker.state(), 'closed', 'a busy bank is not a broken one');
  });

  it('gives up after the configured number of retries', async () => {
    const busy = { status: 429, headers: { 'retry-after': '1' } };
    const { http, waits, calls } = client([busy, busy, busy], { rateLimit: { maxRetries: 1 } });
    const error = await rejectsWith(http.send(get), 'BANK_ERR_RATE_LIMITED');
    assert.equal(error.retryAfterSeconds, 1);
    assert.deepEqual(waits, [1000]);
    assert.equal(calls.length, 2);
  });

  it('follows absolute links on its own origin only, so tokens never go elsewhere', async () => {
    const { http, calls } = client([{ status: 200, body: {} }]);
    await http.send({ ...get, url: 'https://bank.example/open-banking/v4.0/aisp/accounts?page=2' });
    await rejectsWith(http.send({ ...get, url: 'https://evil.example/steal' }), 'BANK_ERR_UNAVAILABLE');
    assert.deepEqual(
      calls.map((c) => c.url),
      ['https://bank.example/open-banking/v4.0/aisp/accounts?page=2'],
    );
  });
});
