import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CONSENT_HISTORY_LIMIT,
  decisionOf,
  isGranted,
  type ConsentLedger,
} from '../../bot/ports/consent.port.js';

export interface LedgerUnderTest {
  readonly ledger: ConsentLedger;
  teardown?: () => Promise<void>;
}

const at = (iso: string): Date => new Date(iso);
const change = (channelId: string, categories: ('balances' | 'transactions' | 'alerts')[], when: string) => ({
  channelId,
  categories,
  source: 'conversation' as const,
  at: at(when),
});

/** What every ConsentLedger shows, run unchanged on each implementation. Customer ids are unique per test. */
export function runConsentLedgerContract(name: string, setup: () => Promise<LedgerUnderTest>): void {
  describe(`${name} (ConsentLedger contract)`, () => {
    let subject: LedgerUnderTest | undefined;
    const ledger = (): ConsentLedger => {
      if (!subject) throw new Error('consent ledger contract: setup did not run');
      return subject.ledger;
    };
    const customer = (): string => `cust/${randomUUID()}`;

    before(async () => {
      subject = await setup();
    });
    after(async () => subject?.teardown?.());

    it('knows nothing of a customer who never decided', async () => {
      const id = customer();
      assert.deepEqual(await ledger().get(id), { version: 0, decisions: [] });
      assert.deepEqual(await ledger().history(id), []);
      assert.equal(await ledger().erasedAt(id), undefined);
    });

    it('keeps the latest decision per channel and category, with its time and source', async () => {
      const id = customer();
      await ledger().grant(id, {
        ...change('messenger', ['balances', 'transactions'], '2026-11-01T10:00:00.000Z'),
        source: 'account-link',
      });
      const snapshot = await ledger().revoke(
        id,
        change('messenger', ['transactions'], '2026-11-02T10:00:00.000Z'),
      );
      assert.equal(snapshot.version, 2);
      assert.deepEqual(decisionOf(snapshot, 'messenger', 'balances'), {
        channelId: 'messenger',
        category: 'balances',
        granted: true,
        at: '2026-11-01T10:00:00.000Z',
        source: 'account-link',
      });
      assert.equal(isGranted(snapshot, 'messenger', 'transactions'), false);
      assert.equal(decisionOf(snapshot, 'messenger', 'transactions')?.at, '2026-11-02T10:00:00.000Z');
      assert.deepEqual(await ledger().get(id), snapshot);
    });

    it('keeps channels apart', async () => {
      const id = customer();
      await ledger().grant(id, change('alexa', ['alerts'], '2026-11-01T10:00:00.000Z'));
      const snapshot = await ledger().get(id);
      assert.equal(isGranted(snapshot, 'alexa', 'alerts'), true);
      assert.equal(isGranted(snapshot, 'messenger', 'alerts'), false);
      assert.equal(decisionOf(snapshot, 'messenger', 'alerts'), undefined);
    });

    it('keeps every decision in the history, oldest first, capped at the most recent ones', async () => {
      const id = customer();
      await ledger().grant(id, change('google', ['alerts'], '2026-11-01T10:00:00.000Z'));
      await ledger().revoke(id, change('google', ['alerts'], '2026-11-01T11:00:00.000Z'));
      const history = await ledger().history(id);
      assert.deepEqual(
        history.map((d) => [d.category, d.granted, d.at]),
        [
          ['alerts', true, '2026-11-01T10:00:00.000Z'],
          ['alerts', false, '2026-11-01T11:00:00.000Z'],
        ],
      );
      const many = Array.from({ length: CONSENT_HISTORY_LIMIT }, (_, i) => i);
      for (const i of many)
        await ledger().grant(id, change(`channel-${i}`, ['balances'], '2026-11-02T10:00:00.000Z'));
      const capped = await ledger().history(id);
      assert.equal(capped.length, CONSENT_HISTORY_LIMIT);
      assert.equal(capped[0]?.channelId, 'channel-0');
      assert.equal((await ledger().get(id)).version, CONSENT_HISTORY_LIMIT + 2);
    });

    it('erases a customer down to a tombstone, and leaves other customers alone', async () => {
      const [gone, stays] = [customer(), customer()];
      await ledger().grant(gone, change('messenger', ['alerts'], '2026-11-01T10:00:00.000Z'));
      await ledger().grant(stays, change('messenger', ['alerts'], '2026-11-01T10:00:00.000Z'));
      assert.ok((await ledger().erase(gone, at('2026-11-03T09:00:00.000Z'))) > 0);
      assert.deepEqual(await ledger().get(gone), { version: 0, decisions: [] });
      assert.deepEqual(await ledger().history(gone), []);
      assert.equal(await ledger().erasedAt(gone), '2026-11-03T09:00:00.000Z');
      assert.equal(await ledger().erase(gone, at('2026-11-04T09:00:00.000Z')), 0);
      assert.equal(isGranted(await ledger().get(stays), 'messenger', 'alerts'), true);
      assert.equal(await ledger().erasedAt(stays), undefined);
    });
  });
}
