import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Storage, StoreItem } from 'botbuilder-core';
import { isETagConflict } from '../../adapters/storage/storage-error.js';

/** What a storage implementation hands the contract: the storage and how to release it. */
export interface StorageUnderTest {
  storage: Storage;
  teardown?: () => Promise<void>;
}

/**
 * The behaviour every botbuilder `Storage` in bankbot must show, run unchanged on each implementation.
 * Keys are unique per test, so the suite can share a backend with other suites.
 */
export function runStorageContract(name: string, setup: () => Promise<StorageUnderTest>): void {
  describe(`${name} (Storage contract)`, () => {
    let subject: StorageUnderTest | undefined;
    const storage = (): Storage => {
      if (!subject) throw new Error('storage contract: setup did not run');
      return subject.storage;
    };
    const key = (label: string): string => `contract/${label}/${randomUUID()}`;
    const readItem = async (k: string): Promise<StoreItem | undefined> => (await storage().read([k]))[k];
    const requireItem = async (k: string): Promise<StoreItem> => {
      const item = await readItem(k);
      assert.ok(item, `expected an item under ${k}`);
      return item;
    };

    before(async () => {
      subject = await setup();
    });
    after(async () => {
      await subject?.teardown?.();
    });

    it('returns nothing for keys that were never written', async () => {
      const missing = [key('missing-a'), key('missing-b')];
      assert.deepEqual(await storage().read(missing), {});
    });

    it('round-trips nested objects', async () => {
      const k = key('nested');
      const value = {
        profile: { name: 'Ada', tags: ['a', 'b'], limits: { daily: 50_000, frozen: false } },
        none: null,
      };
      await storage().write({ [k]: value });
      const { eTag: _eTag, ...stored } = await requireItem(k);
      assert.deepEqual(stored, value);
    });

    it('sets an eTag on write and a new one on every write', async () => {
      const k = key('etag');
      await storage().write({ [k]: { n: 1 } });
      const first = await requireItem(k);
      assert.equal(typeof first.eTag, 'string');
      assert.notEqual(first.eTag, '');
      await storage().write({ [k]: { ...first, n: 2 } });
      const second = await requireItem(k);
      assert.equal(typeof second.eTag, 'string');
      assert.notEqual(second.eTag, first.eTag);
      assert.equal(second.n, 2);
    });

    it('rejects a write with a stale eTag as an eTag conflict and keeps the stored item', async () => {
      const k = key('stale');
      await storage().write({ [k]: { n: 1 } });
      const stale = await requireItem(k);
      await storage().write({ [k]: { ...stale, n: 2 } });
      await assert.rejects(storage().write({ [k]: { ...stale, n: 3 } }), (error) => isETagConflict(error));
      assert.equal((await requireItem(k)).n, 2);
    });

    it("overwrites when the eTag is '*'", async () => {
      const k = key('star');
      await storage().write({ [k]: { n: 1 } });
      await storage().write({ [k]: { n: 2, eTag: '*' } });
      assert.equal((await requireItem(k)).n, 2);
    });

    it('overwrites when the item has no eTag', async () => {
      const k = key('no-etag');
      await storage().write({ [k]: { n: 1 } });
      const first = await requireItem(k);
      await storage().write({ [k]: { n: 2 } });
      const second = await requireItem(k);
      assert.equal(second.n, 2);
      assert.notEqual(second.eTag, first.eTag);
    });

    it('writes an item carrying an eTag when nothing is stored under its key', async () => {
      const k = key('fresh-with-etag');
      await storage().write({ [k]: { n: 1, eTag: 'from-a-deleted-item' } });
      assert.equal((await requireItem(k)).n, 1);
    });

    it('deletes items and ignores keys that do not exist', async () => {
      const [gone, kept] = [key('gone'), key('kept')];
      await storage().write({ [gone]: { n: 1 }, [kept]: { n: 2 } });
      await storage().delete([gone, key('never-written')]);
      const items = await storage().read([gone, kept]);
      assert.deepEqual(Object.keys(items), [kept]);
    });

    it('writes and reads several keys in one call', async () => {
      const keys = [key('multi-1'), key('multi-2'), key('multi-3')];
      await storage().write(Object.fromEntries(keys.map((k, index) => [k, { index }])));
      const items = await storage().read([...keys, key('multi-missing')]);
      assert.deepEqual(
        keys.map((k) => items[k]?.index),
        [0, 1, 2],
      );
      assert.equal(Object.keys(items).length, 3);
    });

    it('keeps both updates when two read-modify-write cycles race and the loser retries', async () => {
      const k = key('race');
      await storage().write({ [k]: { log: [] } });
      const [a, b] = await Promise.all([requireItem(k), requireItem(k)]);
      const outcomes = await Promise.allSettled([
        storage().write({ [k]: { ...a, log: [...logOf(a), 'a'] } }),
        storage().write({ [k]: { ...b, log: [...logOf(b), 'b'] } }),
      ]);
      const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      assert.equal(rejected.length, 1);
      assert.ok(isETagConflict(rejected[0]));
      const loser = outcomes[0]?.status === 'rejected' ? 'a' : 'b';
      const fresh = await requireItem(k);
      await storage().write({ [k]: { ...fresh, log: [...logOf(fresh), loser] } });
      assert.deepEqual(logOf(await requireItem(k)).sort(), ['a', 'b']);
    });

    it('loses no increment when ten writers race and retry on conflicts', async () => {
      const k = key('counter');
      await storage().write({ [k]: { count: 0 } });
      const conflicts = await Promise.all(Array.from({ length: 10 }, () => increment(storage(), k)));
      assert.equal((await requireItem(k)).count, 10);
      assert.ok(conflicts.reduce((sum, n) => sum + n, 0) > 0, 'expected at least one writer to conflict');
    });

    it('stores keys with spaces, unicode, slashes and braces', async () => {
      const id = randomUUID();
      const odd = [
        `with space/${id}/ end `,
        `ünïcødé/日本語/😀/${id}`,
        `a//b/${id}/`,
        `web/conversations/{x}%7D/${id}/`,
      ];
      await storage().write(Object.fromEntries(odd.map((k) => [k, { k }])));
      const items = await storage().read(odd);
      assert.deepEqual(
        odd.map((k) => items[k]?.k),
        odd,
      );
      await storage().delete(odd);
      assert.deepEqual(await storage().read(odd), {});
    });
  });
}

function logOf(item: StoreItem): string[] {
  const log: unknown = item.log;
  assert.ok(Array.isArray(log));
  return log.map(String);
}

/** Read-modify-write with retry on conflict; resolves to the number of conflicts met. */
async function increment(storage: Storage, key: string): Promise<number> {
  for (let conflicts = 0; conflicts < 50; conflicts += 1) {
    const item: StoreItem = (await storage.read([key]))[key] ?? {};
    const count: unknown = item.count;
    assert.equal(typeof count, 'number');
    try {
      await storage.write({ [key]: { ...item, count: Number(count) + 1 } });
      return conflicts;
    } catch (error) {
      if (!isETagConflict(error)) throw error;
    }
  }
  throw new Error('increment kept conflicting');
}
