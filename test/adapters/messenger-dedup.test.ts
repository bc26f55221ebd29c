import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder-core';
import {
  createDeliveryDedup,
  deliveryEraser,
  deliveryKey,
} from '../../adapters/channels/messenger/delivery-dedup.js';

const T0 = Date.parse('2026-11-21T15:00:00Z');

function setup(perSender = 50) {
  const storage = new MemoryStorage();
  let now = T0;
  const instance = () => createDeliveryDedup({ storage, now: () => new Date(now), perSender, ttlMs: 60_000 });
  return { storage, instance, advance: (ms: number) => void (now += ms) };
}

describe('Messenger delivery de-duplication', () => {
  it('answers a delivery once, on this instance and on another sharing the storage', async () => {
    const { instance } = setup();
    const [a, b] = [instance(), instance()];
    assert.equal(await a.firstSeen('psid-1', 'm_1'), true);
    assert.equal(await a.firstSeen('psid-1', 'm_1'), false);
    assert.equal(await b.firstSeen('psid-1', 'm_1'), false);
    assert.equal(await b.firstSeen('psid-1', 'm_2'), true);
  });

  it('keeps one record per sender with the most recent ids within the window', async () => {
    const { storage, instance, advance } = setup(3);
    const dedup = instance();
    for (const id of ['m_1', 'm_2', 'm_3', 'm_4']) {
      await dedup.firstSeen('psid-1', id);
      advance(1);
    }
    const key = deliveryKey('psid-1');
    const stored = (await storage.read([key]))[key] as { seen: Record<string, number> };
    assert.deepEqual(Object.keys(stored.seen), ['m_2', 'm_3', 'm_4']);
    advance(60_000);
    assert.equal(await instance().firstSeen('psid-1', 'm_4'), true, 'older than the window counts as new');
  });

  it('keeps both ids when two instances write the same sender at once', async () => {
    const { storage, instance } = setup();
    const other = instance();
    let raced = false;
    // The other instance writes between this one's read and write, once.
    const racing: Storage = {
      read: (keys) => storage.read(keys),
      delete: (keys) => storage.delete(keys),
      write: async (changes: StoreItems) => {
        if (!raced) {
          raced = true;
          assert.equal(await other.firstSeen('psid-1', 'm_other'), true);
        }
        return storage.write(changes);
      },
    };
    const dedup = createDeliveryDedup({ storage: racing, now: () => new Date(T0) });
    assert.equal(await dedup.firstSeen('psid-1', 'm_mine'), true);
    const key = deliveryKey('psid-1');
    const stored = (await storage.read([key]))[key] as { seen: Record<string, number> };
    assert.deepEqual(Object.keys(stored.seen).sort(), ['m_mine', 'm_other']);
  });

  it("erases the records of a customer's Messenger senders only", async () => {
    const { storage, instance } = setup();
    const dedup = instance();
    await dedup.firstSeen('psid-1', 'm_1');
    await dedup.firstSeen('psid-2', 'm_2');
    const erase = deliveryEraser(storage);
    const subject = {
      customerId: 'alex',
      at: new Date(T0),
      conversations: [],
      channelUsers: [
        { channelId: 'messenger', userId: 'psid-1' },
        { channelId: 'messenger', userId: 'psid-9' },
        { channelId: 'other', userId: 'psid-2' },
      ],
    };
    assert.equal(await erase(subject), 1);
    assert.deepEqual(Object.keys(await storage.read([deliveryKey('psid-1'), deliveryKey('psid-2')])), [
      deliveryKey('psid-2'),
    ]);
  });
});
