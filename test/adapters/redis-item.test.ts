import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreItem } from 'botbuilder-core';
import fc from 'fast-check';
import { CommandDeadlines } from '../../adapters/storage/redis-client.js';
import { newETag, parseItem, serializeItem } from '../../adapters/storage/redis-item.js';
import { toRedisKey } from '../../adapters/storage/redis-key.js';
import { StorageError } from '../../adapters/storage/storage-error.js';
import { storedJson } from '../../bot/stored-json.js';

/** Conversation-state-like items: any JSON fields (keys that look like indexes too), never `eTag`. */
const fields = fc
  .dictionary(
    fc.oneof(fc.string(), fc.constantFrom('0', '12', 'memory', '__proto__', 'é', '"', '\\')),
    fc.jsonValue(),
  )
  .filter((item) => !Object.prototype.hasOwnProperty.call(item, 'eTag'));
const eTags = fc.oneof(fc.string(), fc.constant(newETag()));

const withoutETag = (item: StoreItem): Record<string, unknown> => {
  const { eTag: _eTag, ...rest } = item;
  return rest;
};

describe('serializeItem', () => {
  it('writes { ...item, eTag } as JSON.stringify does, with or without the writer’s JSON', () => {
    fc.assert(
      fc.property(fields, eTags, eTags, (state, oldETag, eTag) => {
        const plain = { ...state, eTag: oldETag };
        const expected = JSON.stringify({ ...plain, eTag });
        assert.equal(serializeItem(plain, eTag), expected);
        const hinted = { ...state, eTag: oldETag };
        storedJson.write.set(hinted, JSON.stringify(state));
        assert.equal(serializeItem(hinted, eTag), expected);
      }),
    );
  });

  it('ignores the JSON an item was read from (it may have changed since)', () => {
    const item = parseItem('{"n":1,"eTag":"a"}');
    item.n = 2;
    assert.equal(serializeItem(item, 'b'), '{"n":2,"eTag":"b"}');
  });
});

describe('parseItem', () => {
  it('records the text of the fields exactly as JSON.stringify of the rest would give it', () => {
    fc.assert(
      fc.property(fields, eTags, (state, eTag) => {
        const item = parseItem(JSON.stringify({ ...state, eTag }));
        assert.deepEqual(item, JSON.parse(JSON.stringify({ ...state, eTag })));
        assert.equal(storedJson.read.get(item), JSON.stringify(withoutETag(item)));
      }),
    );
  });

  it('records nothing, or the right text, when the eTag is not last or the text is not canonical', () => {
    fc.assert(
      fc.property(fields, eTags, fc.boolean(), (state, eTag, spaced) => {
        const text = JSON.stringify({ eTag, ...state, z: { eTag } }, null, spaced ? 1 : undefined);
        const item = parseItem(text);
        const recorded = storedJson.read.get(item);
        if (!spaced) assert.ok(recorded === undefined || recorded === JSON.stringify(withoutETag(item)));
      }),
    );
    assert.equal(storedJson.read.get(parseItem('{"a\\"eTag":"x","eTag":"x"}')), '{"a\\"eTag":"x"}');
    assert.equal(storedJson.read.get(parseItem('{"eTag":"x","b\\"eTag":"x"}')), undefined);
    assert.equal(storedJson.read.get(parseItem('{"eTag":"x"}')), '{}');
    assert.equal(storedJson.read.get(parseItem('{"eTag":1}')), undefined);
    assert.throws(() => parseItem('{"eTag":'), /not valid JSON/);
  });
});

describe('newETag', () => {
  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => newETag()));
    assert.equal(seen.size, 10_000);
  });
});

/** The regular expressions toRedisKey used before it was hand-written: the reference. */
function referenceRedisKey(prefix: string, key: string): string {
  const escaped = key.replace(/[%{}]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const owner =
    /^(customers\/[^/]+)(\/.*)$/s.exec(escaped) ??
    /^([^/]+\/(?:conversations|users)\/[^/]+)(\/.*)$/s.exec(escaped);
  if (!owner) return prefix + escaped;
  return `${prefix}{${owner[1] ?? ''}}${owner[2] ?? ''}`;
}

describe('toRedisKey', () => {
  it('maps every key as the regular-expression reference does', () => {
    const unit = fc.constantFrom(
      'a',
      '/',
      '{',
      '}',
      '%',
      '\n',
      'conversations',
      'conversations/',
      'users/',
      'customers/',
      'customers',
      'users',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 10 }), (key) => {
        assert.equal(toRedisKey('p:', key), referenceRedisKey('p:', key));
      }),
      { numRuns: 5000 },
    );
    for (const key of ['customers//x', 'customers/c1', 'customers/c1/', '/conversations/a/', 'x/users//a/'])
      assert.equal(toRedisKey('p:', key), referenceRedisKey('p:', key), key);
  });
});

describe('CommandDeadlines', () => {
  const never = new Promise<never>(() => undefined);

  it('passes values and mapped errors through and forgets settled commands', async () => {
    const deadlines = new CommandDeadlines(1000);
    assert.equal(await deadlines.bound(Promise.resolve(7)), 7);
    const mapped = await deadlines
      .bound(Promise.reject(new Error('raw')), () => new StorageError('busy'))
      .catch((error: unknown) => error);
    assert.ok(mapped instanceof StorageError);
    const sent = [1, 2, 3].map((n) => deadlines.bound(Promise.resolve(n)));
    assert.equal(deadlines.pending, 3);
    assert.deepEqual(await Promise.all(sent), [1, 2, 3]);
    assert.equal(deadlines.pending, 0);
  });

  it('rejects a command that outlives the timeout, and only that one', async () => {
    const deadlines = new CommandDeadlines(50);
    const started = performance.now();
    const hung = deadlines.bound(never).catch((error: unknown) => error);
    let later: (value: string) => void = () => undefined;
    const slow = deadlines.bound(new Promise<string>((resolve) => (later = resolve)));
    setTimeout(() => later('in time'), 20);
    assert.equal(await slow, 'in time');
    const error = await hung;
    assert.ok(error instanceof StorageError && error.message === 'Storage unavailable (timeout).');
    assert.ok(performance.now() - started >= 49, 'not before the timeout');
    // A command sent after an expiry is timed from when it was sent.
    const again = performance.now();
    await assert.rejects(deadlines.bound(never), StorageError);
    assert.ok(performance.now() - again >= 49);
    assert.equal(deadlines.pending, 0);
  });

  it('expires commands sent at different times each after its own timeout', async () => {
    const deadlines = new CommandDeadlines(40);
    const started = performance.now();
    const first = deadlines.bound(never).catch(() => performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 25));
    const second = deadlines.bound(never).catch(() => performance.now() - started);
    const [a, b] = await Promise.all([first, second]);
    assert.ok(a >= 39 && b >= 64, `expired after ${a} and ${b} ms`);
  });
});
