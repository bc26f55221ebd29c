import { existsSync } from 'node:fs';
import { createClient } from 'redis';
import type { Config } from '../config.js';
import { corporaHash, loadCorpora } from '../nlu/corpus.js';
import { cachedModelPath } from '../nlu/model-cache.js';

/** One verdict of `bankbot doctor`: one line, a sentence a developer can act on. */
export interface CheckResult {
  readonly ok: boolean;
  readonly name: string;
  readonly message: string;
}

const pass = (name: string, message: string): CheckResult => ({ ok: true, name, message });
const fail = (name: string, message: string): CheckResult => ({ ok: false, name, message });

const reason = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ?? (error.message || error.name);
  }
  return String(error);
};

/** Host and port only: a Redis URL may carry a password. */
function redisHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the configured host';
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/** Connects and PINGs once, without retrying, within `timeoutMs`. */
export async function checkRedis(config: Config, timeoutMs: number): Promise<CheckResult> {
  if (!config.REDIS_URL) return pass('state', 'memory state (no REDIS_URL): fine for one instance');
  const where = redisHost(config.REDIS_URL);
  const client = createClient({
    url: config.REDIS_URL,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  let lastError: unknown;
  client.on('error', (error: unknown) => (lastError = error));
  try {
    await within(client.connect(), timeoutMs);
    const answer = await within(client.ping(), timeoutMs);
    return pass('redis', `Redis at ${where} answers ${answer}`);
  } catch (error) {
    return fail(
      'redis',
      `Redis at ${where} is unreachable (${reason(lastError ?? error)}): start it or fix REDIS_URL`,
    );
  } finally {
    client.destroy();
  }
}

/** Any HTTP answer means the bank's server is up; Stripe also tells whether the key is accepted. */
export async function checkBank(config: Config): Promise<CheckResult> {
  const timeout = AbortSignal.timeout(config.BANK_HTTP_TIMEOUT_MS);
  try {
    if (config.BANK === 'sandbox') return pass('bank', 'sandbox bank (embedded, always reachable)');
    if (config.OPEN_BANKING_BASE_URL && config.BANK !== 'stripe-issuing') {
      const response = await fetch(config.OPEN_BANKING_BASE_URL, { signal: timeout });
      await response.body?.cancel();
      const host = new URL(config.OPEN_BANKING_BASE_URL).host;
      if (response.status >= 500)
        return fail('bank', `Open Banking at ${host} answers HTTP ${response.status}`);
      if (config.BANK === 'open-banking-uk') return pass('bank', `Open Banking at ${host} is reachable`);
    }
    const response = await fetch(new URL('/v1/issuing/cards?limit=1', config.STRIPE_BASE_URL), {
      headers: { authorization: `Bearer ${config.STRIPE_API_KEY ?? ''}` },
      signal: timeout,
    });
    await response.body?.cancel();
    if (response.status === 401) return fail('bank', 'Stripe rejects STRIPE_API_KEY (HTTP 401)');
    if (!response.ok) return fail('bank', `Stripe Issuing answers HTTP ${response.status}`);
    return pass('bank', `Stripe Issuing is reachable and accepts the key (BANK=${config.BANK})`);
  } catch (error) {
    return fail('bank', `the ${config.BANK} bank is unreachable (${reason(error)})`);
  }
}

/** The NLU model is fresh when a cached model exists for the current corpora's hash. */
export function checkModel(config: Config): CheckResult {
  try {
    const hash = corporaHash(loadCorpora(config.NLU_MODELS_DIR, 'en'));
    if (existsSync(cachedModelPath(config.NLU_CACHE_DIR, hash))) {
      return pass('nlu', `model is fresh (corpora hash ${hash.slice(0, 12)})`);
    }
    return fail(
      'nlu',
      `no trained model for the current corpora (hash ${hash.slice(0, 12)}): run bankbot train`,
    );
  } catch (error) {
    return fail('nlu', `corpora are invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
}
