import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AlertRecord } from '../../bot/alerts/alert.js';
import type { AlertRecords } from '../../bot/ports/alert-records.port.js';

export interface RecordsUnderTest {
  readonly records: AlertRecords;
  teardown?: () => Promise<void>;
}

const record = (customerId: string, patch: Partial<AlertRecord> = {}): AlertRecord => ({
  alertId: `alrt_${randomUUID().replaceAll('-', '')}`,
  customerId,
  transactionId: 'tx-1',
  status: 'queued',
  createdAt: '2026-11-21T15:00:00.000Z',
  updatedAt: '2026-11-21T15:00:00.000Z',
  expiresAt: '2026-11-22T15:00:00.000Z',
  attempts: 0,
  channels: [],
  ...patch,
});

/** What every AlertRecords shows, run unchanged on each implementation. Customer ids are unique per test. */
export function runAlertRecordsContract(name: string, setup: () => Promise<RecordsUnderTest>): void {
  describe(`${name} (AlertRecords contract)`, () => {
    let subject: RecordsUnderTest | undefined;
    const records = (): AlertRecords => {
      if (!subject) throw new Error('alert records contract: setup did not run');
      return subject.records;
    };
    const customer = (): string => `cust-${randomUUID()}`;
    before(async () => {
      subject = await setup();
    });
    after(async () => subject?.teardown?.());

    it('creates a record once: the same id again is a replay', async () => {
      const first = record(customer());
      assert.equal(await records().create(first), true);
      assert.equal(await records().create({ ...first, transactionId: 'tx-other' }), false);
      assert.deepEqual(await records().get(first.alertId), first);
      assert.equal(await records().get('alrt_unknown'), undefined);
    });

    it('updates a record, but never replaces a final status', async () => {
      const r = record(customer());
      await records().create(r);
      await records().update(r.alertId, { status: 'delivered', channels: ['messenger'] });
      const outcome = { answer: 'no', result: 'disputed', cardFrozen: true, disputeId: 'd1' } as const;
      await records().update(r.alertId, {
        status: 'answered',
        outcome: { ...outcome, channelId: 'messenger', at: '2026-11-21T15:01:00.000Z' },
      });
      await records().update(r.alertId, { status: 'failed', reason: 'ALERT_ERR_PUSH_FAILED' });
      const stored = await records().get(r.alertId);
      assert.equal(stored?.status, 'answered');
      assert.deepEqual(stored?.channels, ['messenger']);
      assert.equal(stored?.outcome?.disputeId, 'd1');
      assert.equal(stored?.reason, 'ALERT_ERR_PUSH_FAILED', 'other fields still change');
    });

    it('counts attempts', async () => {
      const r = record(customer());
      await records().create(r);
      assert.equal(await records().countAttempt(r.alertId), 1);
      assert.equal(await records().countAttempt(r.alertId), 2);
      assert.equal((await records().get(r.alertId))?.attempts, 2);
    });

    it('lets one consumer hold a send, until it is sent, released or taken over', async () => {
      const r = record(customer());
      await records().create(r);
      const target = 'messenger:123';
      assert.deepEqual(await records().claimSend(r.alertId, target, 'bot-a'), { state: 'claimed' });
      assert.deepEqual(await records().claimSend(r.alertId, target, 'bot-b'), {
        state: 'sending',
        by: 'bot-a',
      });
      assert.equal(await records().takeOver(r.alertId, target, 'bot-c', 'bot-b'), false, 'wrong holder');
      assert.equal(await records().takeOver(r.alertId, target, 'bot-a', 'bot-b'), true);
      await records().release(r.alertId, target, 'bot-a');
      assert.deepEqual(await records().claimSend(r.alertId, target, 'bot-c'), {
        state: 'sending',
        by: 'bot-b',
      });
      await records().release(r.alertId, target, 'bot-b');
      assert.deepEqual(await records().claimSend(r.alertId, target, 'bot-c'), { state: 'claimed' });
      await records().markSent(r.alertId, target);
      assert.deepEqual(await records().claimSend(r.alertId, target, 'bot-a'), { state: 'sent' });
      assert.deepEqual(await records().claimSend(r.alertId, 'messenger:456', 'bot-a'), { state: 'claimed' });
    });

    it('marks an alert presented once per channel', async () => {
      const r = record(customer());
      await records().create(r);
      assert.equal(await records().markPresented(r.alertId, 'alexa'), true);
      assert.equal(await records().markPresented(r.alertId, 'alexa'), false);
      assert.equal(await records().markPresented(r.alertId, 'google'), true);
    });

    it('keeps the customer open alerts until they are closed', async () => {
      const id = customer();
      await records().addOpen(id, 'a1');
      await records().addOpen(id, 'a2');
      await records().addOpen(id, 'a1');
      assert.deepEqual([...(await records().openFor(id))].sort(), ['a1', 'a2']);
      await records().closeOpen(id, 'a1');
      assert.deepEqual(await records().openFor(id), ['a2']);
    });

    it('erases every record of the customer and names their queue entries, leaving others alone', async () => {
      const id = customer();
      const mine = [record(id, { entryId: '1-1' }), record(id, { entryId: '1-2', deadEntryId: '2-1' })];
      const theirs = record(customer(), { entryId: '1-3' });
      for (const r of [...mine, theirs]) await records().create(r);
      await records().addOpen(id, mine[0]?.alertId ?? '');
      const erased = await records().erase(id);
      assert.equal(erased.deleted, 2);
      assert.deepEqual([...erased.entries.queued].sort(), ['1-1', '1-2']);
      assert.deepEqual(erased.entries.dead, ['2-1']);
      for (const r of mine) assert.equal(await records().get(r.alertId), undefined);
      assert.deepEqual(await records().openFor(id), []);
      assert.deepEqual(await records().get(theirs.alertId), theirs);
    });

    it('discards a record that never reached the queue, so the event may come again', async () => {
      const r = record(customer());
      await records().create(r);
      await records().discard(r.alertId);
      assert.equal(await records().get(r.alertId), undefined);
      assert.equal(await records().create(r), true);
    });
  });
}
