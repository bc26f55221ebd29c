import { errorCode } from './errors.js';
import type { Logger } from './logger.js';
import type { RateDecision, RateLimiterPort } from './ports/rate-limiter.port.js';

const ALLOW: RateDecision = { allowed: true, remaining: 0, retryAfterMs: 0 };

/**
 * A limiter that lets requests through when its backend fails: an outage of Redis must not turn
 * away every customer. The outage is logged once, with its code, and its end once.
 */
export function failOpen(limiter: RateLimiterPort, name: string, logger: Logger): RateLimiterPort {
  let failing = false;
  return {
    async hit(key) {
      try {
        const decision = await limiter.hit(key);
        if (failing) logger.info({ event: 'ratelimit.recovered', limiter: name });
        failing = false;
        return decision;
      } catch (error) {
        if (!failing) logger.warn({ event: 'ratelimit.fail_open', limiter: name, code: errorCode(error) });
        failing = true;
        return ALLOW;
      }
    },
  };
}

/** Whole seconds for a Retry-After header: at least 1. */
export const retryAfterSeconds = (decision: RateDecision): number =>
  Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
