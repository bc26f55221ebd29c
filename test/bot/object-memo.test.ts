import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectMemo } from '../../bot/object-memo.js';

describe('objectMemo', () => {
  it('gives back what was set on the same object, and nothing for another', () => {
    const memo = objectMemo<object, string>('test');
    const key = { a: 1 };
    assert.equal(memo.get(key), undefined);
    memo.set(key, 'first');
    memo.set(key, 'second');
    assert.equal(memo.get(key), 'second');
    assert.equal(memo.get({ a: 1 }), undefined, 'identity, not equality');
    const other = objectMemo<object, string>('test');
    assert.equal(other.get(key), undefined, 'two memos of one description are apart');
  });

  it('leaves the object as every reader sees it: keys, JSON, spread, clone and deep equality', () => {
    const memo = objectMemo<object, string>('test');
    const key = { text: ['hi'], expectsInput: false };
    const before = {
      json: JSON.stringify(key),
      keys: Reflect.ownKeys(key).length,
      copy: structuredClone(key),
    };
    memo.set(key, 'rendered');
    assert.equal(JSON.stringify(key), before.json);
    assert.equal(Object.keys(key).length, 2);
    assert.equal(Object.getOwnPropertySymbols({ ...key }).length, 0, 'a spread does not carry it');
    assert.equal(Reflect.ownKeys(key).length, before.keys + 1, 'held on the object itself');
    assert.deepStrictEqual(key, before.copy);
    assert.deepStrictEqual(structuredClone(key), before.copy);
  });

  it('keeps no memo on an object that cannot take one, without throwing', () => {
    const memo = objectMemo<object, string>('test');
    const frozen = Object.freeze({ a: 1 });
    memo.set(frozen, 'x');
    assert.equal(memo.get(frozen), undefined);
  });
});
