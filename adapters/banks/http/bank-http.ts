import { randomUUID } from 'node:crypto';
import { BankError, isBankError, type BankErrorCode } from '../../../bot/ports/bank.port.js';
import { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { retryAfterSeconds } from './retry-after.js';

export interface RateLimitOptions {
  /** How many times a 429 is retried (default 1). */
  readonly maxRetries?: number;
  /** The longest Retry-After honoured by waiting; longer ones fail at once (default 2 s). */
  readonly maxWaitSeconds?: number;
  /** The wait when a 429 carries no usable Retry-After (default 1 s). */
  readonly defaultWaitSeconds?: number;
}

export interface BankHttpOptions {
  /** Every request goes to this origin; paging links elsewhere are refused so tokens never leak. */
  readonly baseUrl: string;
  /** Names the bank in error messages, e.g. 'open-banking-uk'. */
  readonly name: string;
  /** Per request, body included (default 10 000 ms). */
  readonly timeoutMs?: number;
  readonly rateLimit?: RateLimitOptions;
  /** Options for a breaker of its own, or a breaker shared with other clients of the same bank. */
  readonly breaker?: CircuitBreakerOptions | CircuitBreaker;
  /** A correlation header sent with a fresh id on every request and required back unchanged. */
  readonly interactionIdHeader?: string;
  readonly newId?: () => string;
  /** The BankError code of a 4xx other than 429 (default: 400 invalid, 401, 403, 404, else invalid). */
  readonly codeFor?: (status: number, body: unknown) => BankErrorCode;
  /** Injectable for tests and for mTLS (a fetch bound to an undici Agent with the client certificate). */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface BankHttpRequest {
  readonly method: 'GET' | 'POST';
  /** A path under `baseUrl` ('/accounts') or an absolute URL on its origin (a paging link). */
  readonly url: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface BankHttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

/**
 * HTTP to a bank with the failure policy every bank adapter needs: a timeout, 429 retried after a
 * bounded Retry-After, 5xx / timeouts / network errors as BANK_ERR_UNAVAILABLE counted by a circuit
 * breaker, 4xx as coded BankErrors, and an optional correlation id echo check.
 */
export interface BankHttp {
  send(request: BankHttpRequest): Promise<BankHttpResponse>;
  readonly breaker: CircuitBreaker;
}

const defaultCodeFor = (status: number): BankErrorCode =>
  status === 401
    ? 'BANK_ERR_UNAUTHORIZED'
    : status === 403
      ? 'BANK_ERR_FORBIDDEN'
      : status === 404
        ? 'BANK_ERR_NOT_FOUND'
        : 'BANK_ERR_INVALID';

const isOutage = (error: unknown): boolean => isBankError(error) && error.code === 'BANK_ERR_UNAVAILABLE';

export function createBankHttp(options: BankHttpOptions): BankHttp {
  const { name, timeoutMs = 10_000, interactionIdHeader, newId = randomUUID } = options;
  const { maxRetries = 1, maxWaitSeconds = 2, defaultWaitSeconds = 1 } = options.rateLimit ?? {};
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const codeFor = options.codeFor ?? defaultCodeFor;
  const base = new URL(options.baseUrl);
  const breaker =
    options.breaker && 'run' in options.breaker ? options.breaker : createCircuitBreaker(options.breaker);
  const fail = (code: BankErrorCode, why: string, retryAfter?: number) =>
    new BankError(code, `${name}: ${why}`, retryAfter);

  function target(request: BankHttpRequest): URL {
    const url = /^https?:\/\//.test(request.url)
      ? new URL(request.url)
      : new URL(`${base.pathname.replace(/\/$/, '')}${request.url}`, base);
    if (url.origin !== base.origin) throw fail('BANK_ERR_UNAVAILABLE', 'link to another origin refused');
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  }

  async function attempt(url: URL, request: BankHttpRequest): Promise<BankHttpResponse> {
    const id = interactionIdHeader ? newId() : undefined;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (interactionIdHeader && id) headers[interactionIdHeader] = id;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const init: RequestInit = { method: request.method, headers, signal: controller.signal };
      if (request.body !== undefined) init.body = request.body;
      const response = await doFetch(url, init);
      const text = await response.text();
      if (interactionIdHeader) {
        // Required back on success; on an error answer it is checked only when present.
        const echoed = response.headers.get(interactionIdHeader);
        if (echoed === null ? response.ok : echoed !== id) {
          throw fail('BANK_ERR_UNAVAILABLE', 'interaction id not echoed');
        }
      }
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        if (response.ok) throw fail('BANK_ERR_UNAVAILABLE', 'response is not JSON');
      }
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      if (isBankError(error)) throw error;
      throw fail('BANK_ERR_UNAVAILABLE', controller.signal.aborted ? 'timeout' : 'network error');
    } finally {
      clearTimeout(timer);
    }
  }

  async function exchange(request: BankHttpRequest): Promise<BankHttpResponse> {
    const url = target(request);
    for (let retries = 0; ; retries++) {
      const response = await attempt(url, request);
      if (response.status >= 200 && response.status < 300) return response;
      if (response.status >= 500) throw fail('BANK_ERR_UNAVAILABLE', `HTTP ${response.status}`);
      if (response.status !== 429)
        throw fail(codeFor(response.status, response.body), `HTTP ${response.status}`);
      const wait = retryAfterSeconds(response.headers.get('retry-after'), now()) ?? defaultWaitSeconds;
      if (retries >= maxRetries || wait > maxWaitSeconds) {
        throw fail('BANK_ERR_RATE_LIMITED', 'HTTP 429', wait);
      }
      await sleep(wait * 1000);
    }
  }

  return { breaker, send: (request) => breaker.run(() => exchange(request), isOutage) };
}
