import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { RateLimit, RateLimiterPort } from '../../bot/ports/rate-limiter.port.js';

/** What an implementation hands the contract: limiters of any limit, and how to release them. */
export interface RateLimiterUnderTest {
  create(limit: RateLimit): RateLimiterPort;
  teardown?: () => Promise<void>;
}

/**
 * The behaviour every RateLimiterPort must show, on its real backend and the real clock. Keys are
 * unique per test. Windows are long where the clock must not matter, and where waiting is the
 * point the test waits as long as the limiter itself says (more time only ever allows more).
 */
export function runRateLimiterContract(name: string, setup: () => Promise<RateLimiterUnderTest>): void {
  describe(`${name} (RateLimiter contract)`, () => {
    let subject: RateLimiterUnderTest | undefined;
    const create = (limit: RateLimit): RateLimiterPort => {
      if (!subject) throw new Error('rate limiter contract: setup did not run');
      return subject.create(limit);
    };
    const key = (label: string): string => `${label}:${randomUUID()}`;
    before(async () => {
      subject = await setup();
    });
    after(async () => {
      await subject?.teardown?.();
    });

    it('allows a burst of `limit` requests, counting down, then refuses with a Retry-After', async () => {
      const limiter = create({ limit: 5, windowMs: 60_000 });
      const k = key('burst');
      const decisions = [];
      for (let i = 0; i < 7; i += 1) decisions.push(await limiter.hit(k));
      assert.deepEqual(
        decisions.map((d) => [d.allowed, d.remaining]),
        [
          [true, 4],
          [true, 3],
          [true, 2],
          [true, 1],
          [true, 0],
          [false, 0],
          [false, 0],
        ],
      );
      for (const refused of decisions.slice(5)) {
        assert.ok(
          refused.retryAfterMs > 0 && refused.retryAfterMs <= 12_000,
          `retry after ${refused.retryAfterMs}`,
        );
      }
      for (const allowed of decisions.slice(0, 5)) assert.equal(allowed.retryAfterMs, 0);
    });

    it('counts every key on its own', async () => {
      const limiter = create({ limit: 1, windowMs: 60_000 });
      const [a, b] = [key('a'), key('b')];
      assert.equal((await limiter.hit(a)).allowed, true);
      assert.equal((await limiter.hit(a)).allowed, false);
      assert.equal((await limiter.hit(b)).allowed, true);
    });

    it('lets exactly `limit` of many concurrent requests through', async () => {
      const limiter = create({ limit: 7, windowMs: 60_000 });
      const k = key('concurrent');
      const decisions = await Promise.all(Array.from({ length: 40 }, () => limiter.hit(k)));
      assert.equal(decisions.filter((d) => d.allowed).length, 7);
    });

    it('allows again once Retry-After has passed, however often it was refused meanwhile', async () => {
      const limiter = create({ limit: 2, windowMs: 400 });
      const k = key('recover');
      await limiter.hit(k);
      await limiter.hit(k);
      let refused = await limiter.hit(k);
      assert.equal(refused.allowed, false);
      for (let i = 0; i < 10; i += 1) refused = await limiter.hit(k);
      assert.ok(
        refused.retryAfterMs > 0 && refused.retryAfterMs <= 200,
        `retry after ${refused.retryAfterMs}`,
      );
      await sleep(refused.retryAfterMs + 25);
      assert.equal((await limiter.hit(k)).allowed, true, 'refused requests are not counted');
    });
  });
}
