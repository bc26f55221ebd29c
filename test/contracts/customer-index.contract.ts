import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CustomerIndex } from '../../bot/ports/customer-data.port.js';

export interface IndexUnderTest {
  readonly index: CustomerIndex;
  /** The retention the index was created with (ms). */
  readonly retentionMs: number;
  teardown?: () => Promise<void>;
}

/** What every CustomerIndex shows, run unchanged on each implementation. Customer ids are unique per test. */
export function runCustomerIndexContract(name: string, setup: () => Promise<IndexUnderTest>): void {
  describe(`${name} (CustomerIndex contract)`, () => {
    let subject: IndexUnderTest | undefined;
    const index = (): CustomerIndex => {
      if (!subject) throw new Error('customer index contract: setup did not run');
      return subject.index;
    };
    const customer = (): string => `cust/${randomUUID()}`;
    const t0 = new Date('2026-11-21T15:00:00.000Z');
    const later = (ms: number): Date => new Date(t0.getTime() + ms);

    before(async () => {
      subject = await setup();
    });
    after(async () => subject?.teardown?.());

    it('lists nothing for an unknown customer, and erases nothing', async () => {
      const id = customer();
      assert.deepEqual(await index().list(id), { conversations: [], channelUsers: [] });
      assert.equal(await index().erase(id), 0);
    });

    it('lists conversations once each, oldest first, with when they were last added', async () => {
      const id = customer();
      await index().addConversation(id, 'alexa/conversations/s-2/', later(5));
      await index().addConversation(id, 'messenger/conversations/p-1/', t0);
      await index().addConversation(id, 'alexa/conversations/s-2/', later(10));
      assert.deepEqual((await index().list(id)).conversations, [
        { key: 'messenger/conversations/p-1/', at: t0.getTime() },
        { key: 'alexa/conversations/s-2/', at: t0.getTime() + 10 },
      ]);
    });

    it('drops conversations not added again within the retention period', async () => {
      const id = customer();
      const retention = subject?.retentionMs ?? 0;
      await index().addConversation(id, 'alexa/conversations/old/', t0);
      await index().addConversation(id, 'alexa/conversations/kept/', later(retention / 2));
      await index().addConversation(id, 'alexa/conversations/new/', later(retention + 1));
      const keys = (await index().list(id)).conversations.map((c) => c.key);
      assert.deepEqual(keys, ['alexa/conversations/kept/', 'alexa/conversations/new/']);
    });

    it('adds and removes channel users, whatever characters their ids hold', async () => {
      const id = customer();
      const odd = { channelId: 'messenger', userId: '12/34 {x}%' };
      await index().addChannelUser(id, { channelId: 'messenger', userId: '9001' });
      await index().addChannelUser(id, odd);
      await index().addChannelUser(id, odd);
      const sorted = (await index().list(id)).channelUsers.map((u) => `${u.channelId}|${u.userId}`).sort();
      assert.deepEqual(sorted, ['messenger|12/34 {x}%', 'messenger|9001']);
      await index().removeChannelUser(id, odd);
      assert.deepEqual((await index().list(id)).channelUsers, [{ channelId: 'messenger', userId: '9001' }]);
    });

    it('erases one customer and leaves the others', async () => {
      const [gone, stays] = [customer(), customer()];
      for (const id of [gone, stays]) {
        await index().addConversation(id, `console/conversations/${id}/`, t0);
        await index().addChannelUser(id, { channelId: 'messenger', userId: id });
      }
      assert.equal(await index().erase(gone), 2);
      assert.deepEqual(await index().list(gone), { conversations: [], channelUsers: [] });
      assert.equal((await index().list(stays)).conversations.length, 1);
    });
  });
}
