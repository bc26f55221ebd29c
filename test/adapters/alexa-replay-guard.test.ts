import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createReplayGuard } from '../../adapters/channels/alexa/replay-guard.js';

/** The guard as it was first written (a Map in insertion order): the reference for its behaviour. */
function referenceGuard(capacity: number): { isReplay(id: string, now: number, until: number): boolean } {
  const seen = new Map<string, number>();
  return {
    isReplay(id, now, until) {
      for (const [key, expires] of seen) {
        if (expires > now) break;
        seen.delete(key);
      }
      if (seen.has(id)) return true;
      if (seen.size >= capacity) seen.delete(seen.keys().next().value ?? '');
      seen.set(id, until);
      return false;
    },
  };
}

describe('Alexa replay guard', () => {
  it('refuses an id seen within its window and accepts it once the window has passed', () => {
    const guard = createReplayGuard(10);
    assert.equal(guard.isReplay('a', 1000, 2000), false);
    assert.equal(guard.isReplay('a', 1500, 2500), true);
    assert.equal(guard.isReplay('a', 2000, 3000), false, 'forgotten at its expiry');
    assert.equal(guard.isReplay('a', 2100, 3100), true);
  });

  it('forgets the oldest id first when full, and only that one', () => {
    const guard = createReplayGuard(3);
    for (const id of ['a', 'b', 'c']) assert.equal(guard.isReplay(id, 0, 10_000), false);
    assert.equal(guard.isReplay('d', 0, 10_000), false);
    assert.equal(guard.isReplay('b', 0, 10_000), true);
    assert.equal(guard.isReplay('c', 0, 10_000), true);
    assert.equal(guard.isReplay('a', 0, 10_000), false, 'a was the oldest, so it went');
  });

  it('answers as the Map-based guard did, over random ids, clocks and windows', () => {
    const step = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      advance: fc.integer({ min: 0, max: 50 }),
      window: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 300 }), (capacity, steps) => {
        const guard = createReplayGuard(capacity);
        const reference = referenceGuard(capacity);
        let now = 0;
        for (const { id, advance, window } of steps) {
          now += advance;
          assert.equal(guard.isReplay(id, now, now + window), reference.isReplay(id, now, now + window));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps working across many wraps of its ring', () => {
    const guard = createReplayGuard(7);
    for (let i = 0; i < 10_000; i += 1) {
      assert.equal(guard.isReplay(`id-${i}`, i, i + 1_000_000), false);
      assert.equal(guard.isReplay(`id-${i}`, i, i + 1_000_000), true);
    }
    assert.equal(guard.isReplay('id-9993', 10_000, 1_010_000), true, 'the last seven are remembered');
    assert.equal(guard.isReplay('id-9992', 10_000, 1_010_000), false, 'the eighth-last is not');
  });
});
