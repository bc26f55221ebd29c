/** Bounded exponential backoff for Graph sends. */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  /** No wait is longer than this, whatever Retry-After asks. */
  readonly maxDelayMs: number;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  timeoutMs: 10_000,
};

/** 5xx and 429 are worth another try; other 4xx mean the request itself is wrong. */
export function isTransient(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The wait before attempt `attempt + 1`: base * 2^(attempt-1) with equal jitter, or the server's
 * Retry-After when it gives one, never more than maxDelayMs.
 */
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfter: string | null,
  random: () => number = Math.random,
  now: number = Date.now(),
): number {
  const asked = retryAfterMs(retryAfter, now);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  const wait = asked ?? exponential / 2 + (random() * exponential) / 2;
  return Math.min(policy.maxDelayMs, Math.max(0, Math.round(wait)));
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
