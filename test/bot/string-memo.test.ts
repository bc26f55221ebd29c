import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoizeString } from '../../bot/string-memo.js';
import { createPseudonym } from '../../bot/privacy/pseudonym.js';

describe('memoizeString', () => {
  it('computes each input once while it is remembered, and gives the same answer', () => {
    const calls: string[] = [];
    const upper = memoizeString((input) => {
      calls.push(input);
      return input.toUpperCase();
    });
    assert.equal(upper('alex'), 'ALEX');
    assert.equal(upper('alex'), 'ALEX');
    assert.equal(upper('sam'), 'SAM');
    assert.deepEqual(calls, ['alex', 'sam']);
  });

  it('forgets the oldest input past max, so memory stays bounded', () => {
    const calls: string[] = [];
    const same = memoizeString((input) => {
      calls.push(input);
      return input;
    }, 2);
    same('a');
    same('b');
    same('c'); // 'a' goes
    same('b');
    same('a');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });

  it('refuses a max that is not a positive integer', () => {
    assert.throws(() => memoizeString((s) => s, 0), RangeError);
    assert.throws(() => memoizeString((s) => s, 1.5), RangeError);
  });

  it('leaves a pseudonym what it was: a keyed hash, different per key, stable per customer', () => {
    const a = createPseudonym('key-a');
    const b = createPseudonym('key-b');
    assert.match(a('alex'), /^[0-9a-f]{64}$/);
    assert.equal(a('alex'), a('alex'));
    assert.notEqual(a('alex'), b('alex'));
    assert.notEqual(a('alex'), a('sam'));
  });
});
