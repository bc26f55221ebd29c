import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { AlertQueue } from '../../bot/ports/alert-queue.port.js';

export interface QueueUnderTest {
  readonly queue: AlertQueue;
  teardown?: () => Promise<void>;
}

/** What every AlertQueue shows, run unchanged on each implementation; each test gets a fresh queue. */
export function runAlertQueueContract(name: string, create: () => Promise<QueueUnderTest>): void {
  describe(`${name} (AlertQueue contract)`, () => {
    const teardowns: (() => Promise<void>)[] = [];
    after(async () => Promise.all(teardowns.map((teardown) => teardown())));
    const fresh = async (): Promise<AlertQueue> => {
      const subject = await create();
      if (subject.teardown) teardowns.push(subject.teardown);
      return subject.queue;
    };

    it('hands each new entry to one consumer, in the order added', async () => {
      const queue = await fresh();
      const ids = [await queue.add('a1'), await queue.add('a2'), await queue.add('a3')];
      const first = await queue.read('bot-a', 2);
      const second = await queue.read('bot-b', 5);
      assert.deepEqual(
        first.map((e) => e.alertId),
        ['a1', 'a2'],
      );
      assert.deepEqual(
        second.map((e) => e.alertId),
        ['a3'],
      );
      assert.deepEqual([...first, ...second].map((e) => e.entryId).sort(), [...ids].sort());
      assert.deepEqual(await queue.read('bot-a', 5), [], 'no entry is read twice');
    });

    it('lets another consumer claim an entry left pending, once it has been idle long enough', async () => {
      const queue = await fresh();
      await queue.add('orphan');
      const [entry] = await queue.read('bot-a', 1);
      assert.ok(entry);
      assert.deepEqual(await queue.claim('bot-b', 60_000, 10), [], 'not idle for a minute yet');
      const claimed = await queue.claim('bot-b', 0, 10);
      assert.deepEqual(claimed, [entry]);
    });

    it('keeps a touched entry on its consumer, claimable only once idle again', async () => {
      const queue = await fresh();
      await queue.add('slow');
      const [entry] = await queue.read('bot-a', 1);
      assert.ok(entry);
      await queue.touch('bot-a', [entry.entryId]);
      assert.deepEqual(await queue.claim('bot-b', 60_000, 10), []);
      assert.deepEqual(await queue.claim('bot-b', 0, 10), [entry]);
    });

    it('forgets an acknowledged entry: it is neither read nor claimed again', async () => {
      const queue = await fresh();
      await queue.add('done');
      const [entry] = await queue.read('bot-a', 1);
      assert.ok(entry);
      await queue.ack(entry.entryId);
      assert.deepEqual(await queue.claim('bot-b', 0, 10), []);
      assert.deepEqual(await queue.read('bot-b', 10), []);
    });

    it('moves a hopeless entry to the dead letters with its reason', async () => {
      const queue = await fresh();
      await queue.add('hopeless');
      const [entry] = await queue.read('bot-a', 1);
      assert.ok(entry);
      const deadId = await queue.deadLetter(entry, 'ALERT_ERR_NO_CHANNEL');
      assert.deepEqual(await queue.claim('bot-b', 0, 10), []);
      assert.deepEqual(await queue.deadLetters(10), [
        { entryId: deadId, alertId: 'hopeless', reason: 'ALERT_ERR_NO_CHANNEL' },
      ]);
    });

    it('removes entries, queued or dead, for forget-me', async () => {
      const queue = await fresh();
      const queued = await queue.add('mine-1');
      await queue.add('mine-2');
      const [first] = await queue.read('bot-a', 1);
      assert.ok(first);
      const dead = await queue.deadLetter(first, 'ALERT_ERR_PUSH_FAILED');
      const other = await queue.add('theirs');
      const removed = await queue.remove({ queued: [queued], dead: [dead] });
      assert.equal(removed, 1, 'the dead letter (the queued entry had moved there)');
      const rest = await queue.read('bot-a', 10);
      assert.deepEqual(
        rest.map((e) => e.alertId),
        ['mine-2', 'theirs'],
      );
      assert.equal(rest.at(-1)?.entryId, other);
      assert.deepEqual(await queue.deadLetters(10), []);
      const [mine] = rest;
      assert.ok(mine);
      assert.equal(await queue.remove({ queued: [mine.entryId], dead: [] }), 1, 'a pending entry');
      assert.deepEqual(
        (await queue.claim('bot-b', 0, 10)).map((e) => e.alertId),
        ['theirs'],
      );
    });
  });
}
