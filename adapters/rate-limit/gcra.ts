import { createHash } from 'node:crypto';
import type { RateDecision, RateLimit } from '../../bot/ports/rate-limiter.port.js';

/** Floating-point slack, so `limit` requests at one instant are all allowed. */
const EPSILON = 1e-9;

/**
 * The generic cell rate algorithm on one number per key, the theoretical arrival time (`tat`, ms):
 * each request pushes it `windowMs / limit` further, and a request is allowed while it stays within
 * `windowMs` of now. A burst of `limit` passes, then one request per interval; no window edges.
 * `tat` is the stored value (undefined for a new key); `next` is what to store when allowed, and
 * the key may be forgotten once `next` has passed.
 */
export function gcra(
  tat: number | undefined,
  now: number,
  { limit, windowMs }: RateLimit,
): RateDecision & { next: number } {
  const interval = windowMs / limit;
  const next = Math.max(tat ?? now, now) + interval;
  const allowAt = next - windowMs;
  if (allowAt > now + EPSILON) {
    return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, Math.ceil(allowAt - now)), next };
  }
  const remaining = Math.floor((windowMs - (next - now)) / interval + EPSILON);
  return { allowed: true, remaining, retryAfterMs: 0, next };
}

/** A fixed-length stand-in for a limiter key: IPs and customer ids are not kept in clear. */
export const hashedKey = (key: string): string =>
  createHash('sha256').update(key).digest('base64url').slice(0, 22);

/** Rejects limits the algorithm cannot honour. */
export function assertLimit({ limit, windowMs }: RateLimit): void {
  if (!Number.isSafeInteger(limit) || limit <= 0 || !(windowMs > 0)) {
    throw new RangeError('rate limit: limit must be a positive integer and windowMs positive');
  }
}
