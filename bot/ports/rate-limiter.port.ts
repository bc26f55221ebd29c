/** What a rate limiter decided for one request. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Further requests allowed right now (0 when refused). */
  readonly remaining: number;
  /** When refused: how long until one request is allowed again, in ms (> 0). Otherwise 0. */
  readonly retryAfterMs: number;
}

/**
 * Counts requests per key (a client IP, a customer id) against one limit: `limit` requests per
 * `windowMs`, a burst of up to `limit` allowed, then one every `windowMs / limit`. Every call
 * counts, refused ones excepted. Keys are opaque to callers; implementations hash them before
 * storing, so no IP or customer id is kept in clear.
 *
 * @example
 * const decision = await limiter.hit(`ip:${clientIp}`);
 * if (!decision.allowed) -> 429 with Retry-After: Math.ceil(decision.retryAfterMs / 1000)
 */
export interface RateLimiterPort {
  /** Counts one request for `key` and says whether it is within the limit. Rejects when the backend is down. */
  hit(key: string): Promise<RateDecision>;
}

/** The limit a limiter enforces. */
export interface RateLimit {
  /** Requests allowed per window; a positive integer. */
  readonly limit: number;
  readonly windowMs: number;
}
