import { setTimeout as sleep } from 'node:timers/promises';
import { FacebookAPI } from 'botbuilder-adapter-facebook';
import { CodedError } from '../../../bot/errors.js';
import type { Logger } from '../../../bot/logger.js';
import { backoffMs, isTransient, type RetryPolicy } from './retry-policy.js';
import { appSecretProof } from './signature.js';
import { withFields } from '../../../bot/objects.js';

/** Where and how the Graph client sends; the token and secret never leave this object's private field. */
export interface GraphClientSettings {
  /** e.g. https://graph.facebook.com (tests: a recording server on 127.0.0.1). */
  readonly baseUrl: string;
  /** e.g. v25.0. */
  readonly version: string;
  readonly pageToken: string;
  readonly appSecret: string;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
}

/** A Graph call that failed for good: status 0 when the network failed. Carries codes, never the token. */
export class GraphSendError extends CodedError {
  constructor(
    readonly status: number,
    readonly attempts: number,
    readonly graphCode?: number,
    readonly graphSubcode?: number,
  ) {
    super('CHANNEL_ERR_SEND_FAILED', `graph status=${status} code=${graphCode ?? '-'} attempts=${attempts}`);
  }
}

type Attempt =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly error: GraphSendError;
      readonly transient: boolean;
      readonly retryAfter: string | null;
    };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function graphErrorOf(body: Record<string, unknown>): { code?: number; subcode?: number } {
  const error = asRecord(body.error);
  return withFields(
    typeof error.code === 'number' ? { code: error.code } : {},
    typeof error.error_subcode === 'number' ? { subcode: error.error_subcode } : {},
  );
}

/**
 * The package's Graph client with its `request` call replaced by `fetch`: the token goes in the
 * Authorization header (never a URL), with `appsecret_proof`; 5xx, 429 and network failures are
 * retried with bounded backoff; other 4xx fail at once; every failure rejects with GraphSendError.
 */
export class GraphClient extends FacebookAPI {
  readonly #settings: GraphClientSettings;

  constructor(settings: GraphClientSettings) {
    // The base keeps its arguments in enumerable fields for the `request` call replaced below:
    // it gets a placeholder, so the token never shows if this object is inspected or serialised.
    super('unused-see-graph-client', '', new URL(settings.baseUrl).host, settings.version);
    this.#settings = settings;
  }

  override async callAPI(
    path: string,
    method = 'POST',
    payload: unknown = {},
  ): Promise<Record<string, unknown>> {
    const { retry, logger } = this.#settings;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.#attempt(path, method.toUpperCase(), payload, attempt);
      if (result.ok) return result.body;
      if (!result.transient || attempt >= retry.attempts) throw result.error;
      const waitMs = backoffMs(attempt, retry, result.retryAfter);
      logger.warn({
        event: 'messenger.send_retry',
        code: result.error.code,
        status: result.error.status,
        graphCode: result.error.graphCode,
        attempt,
        waitMs,
      });
      await sleep(waitMs);
    }
  }

  /**
   * One GET without retries, for lookups a turn can do without (the user's locale): undefined on
   * any failure, so a missing permission or a slow Graph never delays or fails a customer's turn.
   */
  async lookup(path: string, query: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    const result = await this.#attempt(path, 'GET', query, 1);
    return result.ok ? result.body : undefined;
  }

  async #attempt(path: string, method: string, payload: unknown, attempt: number): Promise<Attempt> {
    const { baseUrl, version, pageToken, appSecret, retry } = this.#settings;
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${version}${path}`);
    url.searchParams.set('appsecret_proof', appSecretProof(pageToken, appSecret));
    const isGet = method === 'GET';
    if (isGet)
      for (const [key, value] of Object.entries(asRecord(payload))) url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${pageToken}`, 'content-type': 'application/json' },
        ...(isGet ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
    } catch {
      // Network errors and timeouts: the message may not have arrived; Graph dedupes nothing, but a
      // lost answer is worse than a rare duplicate.
      return { ok: false, error: new GraphSendError(0, attempt), transient: true, retryAfter: null };
    }
    const body = asRecord(await response.json().catch(() => ({})));
    if (response.ok) return { ok: true, body };
    const { code, subcode } = graphErrorOf(body);
    return {
      ok: false,
      error: new GraphSendError(response.status, attempt, code, subcode),
      transient: isTransient(response.status),
      retryAfter: response.headers.get('retry-after'),
    };
  }
}
