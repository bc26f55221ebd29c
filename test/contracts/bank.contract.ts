import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import {
  BANK_ERROR_CODES,
  isBankError,
  type BankErrorCode,
  type BankPort,
  type CustomerRef,
  type Transaction,
  type TransactionQuery,
} from '../../bot/ports/bank.port.js';

/** What a bank adapter's test hands the contract: a bank, a customer with data, and a stranger. */
export interface BankContractSubject {
  readonly bank: BankPort;
  /** A customer with at least one account, one card and a few transactions, one of them a debit. */
  readonly customer: CustomerRef;
  readonly unknownCustomer: CustomerRef;
  /** An account-linking access token the bank issued for `customer`. */
  readonly accessToken: string;
  /** Full account and card numbers behind `customer`, when the test knows them: no 6-digit run of them may appear. */
  readonly sensitiveNumbers?: readonly string[];
  /**
   * The right answer to `customer`'s step-up challenge, read after startStepUp (the PIN, or the
   * one-time code the bank just sent), when the bank has step-up and the test can know it.
   */
  readonly stepUpCode?: () => string;
  readonly teardown?: () => Promise<void>;
}

/** A code of the same length that is certainly not `code`. */
function wrongCode(code: string): string {
  const last = Number(code.at(-1) ?? '0');
  return `${code.slice(0, -1)}${(last + 1) % 10}`;
}

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

async function expectBankError(promise: Promise<unknown>, code?: BankErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isBankError(error), `expected a BankError, got ${String(error)}`);
    assert.ok(BANK_ERROR_CODES.includes(error.code), `uncatalogued code ${error.code}`);
    if (code !== undefined) assert.equal(error.code, code);
    return true;
  });
}

/** Calls `visit` on every object and string inside a returned value. */
function walk(value: unknown, visit: (node: object | string) => void): void {
  if (typeof value === 'string') visit(value);
  if (typeof value !== 'object' || value === null) return;
  visit(value);
  for (const child of Object.values(value)) walk(child, visit);
}

/** The customer's calendar day of an instant, YYYY-MM-DD. */
function localDay(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** What a query must return, computed from the bank's own unfiltered newest-first list. */
function expected(all: readonly Transaction[], query: TransactionQuery): string[] {
  const needle = query.merchant?.toLowerCase();
  const within = (tx: Transaction) =>
    (query.from === undefined || Date.parse(tx.date) >= Date.parse(query.from)) &&
    (query.to === undefined || Date.parse(tx.date) <= Date.parse(query.to));
  const matches = all.filter(
    (tx) =>
      within(tx) &&
      (query.accountId === undefined || tx.accountId === query.accountId) &&
      (query.status === undefined || tx.status === query.status) &&
      (needle === undefined ||
        tx.merchant.name.toLowerCase().includes(needle) ||
        tx.merchant.descriptor.toLowerCase().includes(needle)) &&
      (query.amount === undefined ||
        (tx.amount.currency === query.amount.currency &&
          Math.abs(tx.amount.minor) === Math.abs(query.amount.minor))),
  );
  return matches.slice(0, query.limit ?? matches.length).map((tx) => tx.id);
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function snapshot(bank: BankPort, customer: CustomerRef) {
  const [profile, accounts, balances, transactions, merchants, cards] = await Promise.all([
    bank.getProfile(customer),
    bank.listAccounts(customer),
    bank.getBalances(customer),
    bank.listTransactions(customer),
    bank.listMerchants(customer),
    bank.listCards(customer),
  ]);
  return { profile, accounts, balances, transactions, merchants, cards };
}

/**
 * The BankPort contract: every bank adapter's test calls this unchanged with its own setup,
 * which runs afresh for each case (and `teardown` after it).
 */
export function runBankContract(name: string, setup: () => Promise<BankContractSubject>): void {
  describe(`BankPort contract: ${name}`, () => {
    let subject: BankContractSubject;
    let bank: BankPort;
    let customer: CustomerRef;
    let data: Snapshot;
    beforeEach(async () => {
      subject = await setup();
      ({ bank, customer } = subject);
      data = await snapshot(bank, customer);
    });
    afterEach(async () => {
      await subject.teardown?.();
    });

    it('has a customer with accounts, cards and transactions to test with', () => {
      assert.ok(data.accounts.length > 0 && data.cards.length > 0);
      assert.ok(data.transactions.length >= 2);
      assert.ok(data.transactions.some((tx) => tx.amount.minor < 0));
    });

    it('returns every amount as safe-integer minor units with an ISO 4217 code', () => {
      let amounts = 0;
      walk(data, (node) => {
        if (typeof node === 'string' || !('minor' in node) || !('currency' in node)) return;
        amounts++;
        assert.ok(Number.isSafeInteger(node.minor), `minor units ${String(node.minor)}`);
        assert.ok(
          typeof node.currency === 'string' && ISO_CURRENCIES.has(node.currency),
          String(node.currency),
        );
      });
      assert.ok(amounts >= data.balances.length * 2 + data.transactions.length);
    });

    it('returns masked numbers only', () => {
      for (const { maskedNumber } of [...data.accounts, ...data.cards]) {
        assert.match(maskedNumber, /^\D*\d{1,4}$/, 'a masked number shows at most its last four digits');
      }
      const runs = (subject.sensitiveNumbers ?? []).flatMap((number) => {
        const digits = number.replace(/\D/g, '');
        return Array.from({ length: Math.max(0, digits.length - 5) }, (_, i) => digits.slice(i, i + 6));
      });
      walk(data, (node) => {
        if (typeof node !== 'string') return;
        for (const text of [node, node.replace(/[\s-]/g, '')]) {
          assert.ok(!runs.some((run) => text.includes(run)), 'an answer contains part of a full number');
        }
      });
    });

    it('returns balances of listed accounts, in their currency', async () => {
      assert.deepEqual(data.balances.map((b) => b.accountId).sort(), data.accounts.map((a) => a.id).sort());
      for (const balance of data.balances) {
        const account = data.accounts.find((a) => a.id === balance.accountId);
        assert.equal(balance.current.currency, account?.currency);
        assert.equal(balance.available.currency, account?.currency);
        assert.deepEqual(await bank.getBalances(customer, [balance.accountId]), [balance]);
      }
    });

    it('returns transactions of listed accounts, cards and merchants, newest first', () => {
      const accountIds = new Set(data.accounts.map((a) => a.id));
      for (const card of data.cards) assert.ok(accountIds.has(card.accountId));
      for (const [index, tx] of data.transactions.entries()) {
        assert.ok(accountIds.has(tx.accountId));
        if (tx.cardId !== undefined) assert.ok(data.cards.some((card) => card.id === tx.cardId));
        assert.ok(
          data.merchants.some((m) => m.name === tx.merchant.name),
          `merchant of ${tx.id} not listed`,
        );
        const older = data.transactions[index + 1];
        if (older) assert.ok(Date.parse(tx.date) >= Date.parse(older.date), `${tx.id} before ${older.id}`);
      }
    });

    it('respects limit, from, to, status, accountId, merchant and amount', async () => {
      const all = data.transactions;
      const middle = all[Math.floor(all.length / 2)] ?? assert.fail('no transactions');
      const last = all[all.length - 1] ?? middle;
      const { name, descriptor } = middle.merchant;
      const size = Math.abs(middle.amount.minor);
      const unused = ['XAU', 'JPY', 'CHF', 'SEK'].find((code) =>
        all.every((tx) => tx.amount.currency !== code),
      );
      const queries: TransactionQuery[] = [
        { limit: 1 },
        { limit: 3 },
        { from: middle.date },
        { to: middle.date },
        { from: last.date, to: middle.date },
        { status: 'booked' },
        { status: 'pending' },
        ...data.accounts.map((account) => ({ accountId: account.id })),
        { merchant: (name.slice(1, 5) || name).toUpperCase() },
        { merchant: descriptor.toLowerCase() },
        { amount: { minor: size, currency: middle.amount.currency } },
        { amount: { minor: -size, currency: middle.amount.currency } },
        { amount: { minor: size, currency: unused ?? 'XAU' } },
        { accountId: middle.accountId, status: middle.status, limit: 2 },
      ];
      for (const query of queries.filter((q) => q.merchant !== '')) {
        const ids = (await bank.listTransactions(customer, query)).map((tx) => tx.id);
        assert.deepEqual(ids, expected(all, query), JSON.stringify(query));
      }
      const bounded = expected(all, { from: last.date, to: middle.date });
      assert.ok(bounded.includes(last.id) && bounded.includes(middle.id), 'from and to are inclusive');
      assert.ok(expected(all, { amount: middle.amount }).includes(middle.id));
    });

    it('matches any combination of filters like the unfiltered list does', async () => {
      const tx = fc.constantFrom(...data.transactions);
      const query = fc.record(
        {
          accountId: fc.constantFrom(...data.accounts.map((a) => a.id)),
          from: tx.map((t) => t.date),
          to: tx.map((t) => t.date),
          status: fc.constantFrom('booked' as const, 'pending' as const),
          merchant: tx.map((t) => t.merchant.name.slice(0, 3) || t.merchant.name),
          amount: tx.map((t) => t.amount),
          limit: fc.integer({ min: 1, max: 5 }),
        },
        { requiredKeys: [] },
      );
      const matches = async (q: TransactionQuery) =>
        assert.deepEqual(
          (await bank.listTransactions(customer, q)).map((t) => t.id),
          expected(data.transactions, q),
        );
      await fc.assert(fc.asyncProperty(query, matches), { numRuns: 40 });
    });

    it('treats a YYYY-MM-DD bound as the whole day in the customer time zone', async () => {
      const { timeZone } = data.profile;
      const tx =
        data.transactions[Math.floor(data.transactions.length / 3)] ?? assert.fail('no transactions');
      const day = localDay(tx.date, timeZone);
      const sameDay = data.transactions.filter((t) => localDay(t.date, timeZone) === day).map((t) => t.id);
      const listed = await bank.listTransactions(customer, { from: day, to: day });
      assert.deepEqual(
        listed.map((t) => t.id),
        sameDay,
      );
      assert.ok(sameDay.includes(tx.id));
    });

    it('rejects a non-positive or fractional limit with BANK_ERR_INVALID', async () => {
      for (const limit of [0, -1, 1.5]) {
        await expectBankError(bank.listTransactions(customer, { limit }), 'BANK_ERR_INVALID');
      }
    });

    it('returns the listed transaction by id', async () => {
      for (const tx of data.transactions.slice(0, 5)) {
        assert.deepEqual(await bank.getTransaction(customer, tx.id), tx);
      }
    });

    it('answers unknown ids with BANK_ERR_NOT_FOUND', async () => {
      const missing = 'no-such-id-0';
      await expectBankError(bank.getTransaction(customer, missing), 'BANK_ERR_NOT_FOUND');
      await expectBankError(bank.setCardStatus(customer, missing, 'frozen'), 'BANK_ERR_NOT_FOUND');
      await expectBankError(bank.confirmTransaction(customer, missing), 'BANK_ERR_NOT_FOUND');
      await expectBankError(bank.openDispute(customer, missing, 'fraudulent'), 'BANK_ERR_NOT_FOUND');
      await expectBankError(bank.getBalances(customer, [missing]), 'BANK_ERR_NOT_FOUND');
      await expectBankError(bank.listTransactions(customer, { accountId: missing }), 'BANK_ERR_NOT_FOUND');
    });

    it('resolves its own account-linking token to the customer and refuses others', async () => {
      const resolved = await bank.resolveCustomer(subject.accessToken);
      assert.equal(resolved.customerId, customer.customerId);
      await expectBankError(bank.resolveCustomer(`${subject.accessToken}-forged`), 'BANK_ERR_UNAUTHORIZED');
      await expectBankError(bank.resolveCustomer(''), 'BANK_ERR_UNAUTHORIZED');
    });

    it('answers an unknown customer with a BankError on every call', async () => {
      const who = subject.unknownCustomer;
      const tx = data.transactions[0]?.id ?? 'x';
      const card = data.cards[0]?.id ?? 'x';
      const calls: (() => Promise<unknown>)[] = [
        () => bank.getProfile(who),
        () => bank.listAccounts(who),
        () => bank.getBalances(who),
        () => bank.listTransactions(who),
        () => bank.getTransaction(who, tx),
        () => bank.listMerchants(who),
        () => bank.listCards(who),
        () => bank.setCardStatus(who, card, 'frozen'),
        () => bank.confirmTransaction(who, tx),
        () => bank.openDispute(who, tx, 'other'),
      ];
      for (const call of calls) await expectBankError(call());
    });

    it('steps up with the right PIN or one-time code only, once per code', async () => {
      const challenge = await bank.startStepUp(customer);
      assert.ok(['pin', 'otp', 'unsupported'].includes(challenge.method));
      if (challenge.method === 'unsupported') {
        assert.equal(await bank.verifyStepUp(customer, { method: 'pin', code: '2468' }), 'unsupported');
        return;
      }
      const code = subject.stepUpCode?.() ?? assert.fail('the test must say the right code');
      const { method } = challenge;
      assert.equal(await bank.verifyStepUp(customer, { method, code: wrongCode(code) }), 'invalid');
      assert.equal(await bank.verifyStepUp(customer, { method, code: '' }), 'invalid');
      assert.equal(await bank.verifyStepUp(customer, { method, code }), 'ok');
      if (method === 'otp') assert.equal(await bank.verifyStepUp(customer, { method, code }), 'invalid');
    });

    it('puts a message in the banking app, or says it has no app inbox', async () => {
      const sent = await bank.sendToApp(customer, { title: 'Your balance', body: 'Checking: $1.00' });
      assert.ok(sent === 'sent' || sent === 'unsupported');
    });

    it('never steps up or messages an unknown customer', async () => {
      const who = subject.unknownCustomer;
      const refusedOr = async (call: Promise<unknown>, unsupported: unknown): Promise<void> => {
        try {
          assert.deepEqual(await call, unsupported);
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assert.ok(isBankError(error), `expected a BankError, got ${String(error)}`);
        }
      };
      await refusedOr(bank.startStepUp(who), { method: 'unsupported' });
      await refusedOr(bank.verifyStepUp(who, { method: 'pin', code: '2468' }), 'unsupported');
      await refusedOr(bank.sendToApp(who, { title: 'x', body: 'y' }), 'unsupported');
    });

    it('freezes and unfreezes a card', async () => {
      const card = data.cards[0] ?? assert.fail('no card');
      const statusOf = async () => (await bank.listCards(customer)).find((c) => c.id === card.id)?.status;
      try {
        assert.deepEqual(await bank.setCardStatus(customer, card.id, 'frozen'), {
          ...card,
          status: 'frozen',
        });
        assert.equal((await bank.setCardStatus(customer, card.id, 'frozen')).status, 'frozen');
        assert.equal(await statusOf(), 'frozen');
        assert.deepEqual(await bank.setCardStatus(customer, card.id, 'active'), {
          ...card,
          status: 'active',
        });
        assert.equal(await statusOf(), 'active');
      } finally {
        await bank.setCardStatus(customer, card.id, card.status);
      }
    });

    it('opens one dispute per transaction however often asked', async () => {
      const debits = data.transactions.filter((t) => t.amount.minor < 0 && t.review === undefined);
      const tx =
        debits.find((t) => t.status === 'booked' && t.cardId) ?? debits[0] ?? assert.fail('no debit');
      const first = await bank.openDispute(customer, tx.id, 'fraudulent');
      assert.equal(first.transactionId, tx.id);
      assert.equal(first.status, 'open');
      assert.deepEqual(await bank.openDispute(customer, tx.id, 'fraudulent'), first);
      assert.equal((await bank.getTransaction(customer, tx.id)).review, 'disputed');
    });

    it('confirms a transaction idempotently', async () => {
      const tx =
        data.transactions.find((t) => t.amount.minor < 0 && t.review === undefined) ??
        assert.fail('no debit');
      assert.equal(await bank.confirmTransaction(customer, tx.id), undefined);
      assert.equal(await bank.confirmTransaction(customer, tx.id), undefined);
      assert.deepEqual(await bank.getTransaction(customer, tx.id), { ...tx, review: 'confirmed' });
    });
  });
}
