import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCompositeBank, type CardBank } from '../../adapters/banks/composite.bank.js';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { money } from '../../bot/money.js';
import {
  BankError,
  isBankError,
  type BankPort,
  type Card,
  type Transaction,
} from '../../bot/ports/bank.port.js';

const who = { customerId: 'cara', accessToken: 'token' };
const merchant = { name: 'Cafe', descriptor: 'CAFE 1', category: 'coffee' };
const tx = (id: string, cardId?: string): Transaction => ({
  id,
  accountId: 'acc-1',
  ...(cardId ? { cardId } : {}),
  status: 'booked',
  date: '2026-11-19T10:00:00.000Z',
  amount: money(-450, 'GBP'),
  merchant,
});
const profile = { id: 'cara', firstName: 'Cara', locale: 'en-GB', timeZone: 'Europe/London' };
const issuerCard: Card = {
  id: 'ic_123',
  accountId: 'acc-1',
  name: 'Visa debit',
  maskedNumber: '••5556',
  status: 'active',
};
const otherAccountCard: Card = { ...issuerCard, id: 'ic_999', accountId: 'acc-2' };

/** An account side that knows three transactions: two card payments named by masked number, one transfer. */
function accountSide(calls: string[]): BankPort {
  const sandbox = createSandboxBank({ customers: [] });
  const list = [tx('t-card', '••5556'), tx('t-unknown-card', '••0000'), tx('t-transfer')];
  const find = async (id: string) => {
    const found = list.find((t) => t.id === id);
    if (!found) throw new BankError('BANK_ERR_NOT_FOUND');
    return found;
  };
  return {
    ...sandbox,
    resolveCustomer: async (token) => ({ customerId: 'cara', accessToken: token }),
    getProfile: async () => profile,
    listTransactions: async () => list,
    getTransaction: (_c, id) => find(id),
    confirmTransaction: async (_c, id) => void calls.push(`accounts.confirm ${(await find(id)).id}`),
    openDispute: async (_c, id) => (
      calls.push(`accounts.dispute ${id}`),
      { id: 'D-A', transactionId: id, status: 'open' }
    ),
  };
}

function cardSide(calls: string[]): CardBank {
  return {
    listCards: async () => [issuerCard, otherAccountCard],
    setCardStatus: async (_c, id, status) => (
      calls.push(`cards.status ${id} ${status}`),
      { ...issuerCard, status }
    ),
    confirmTransaction: async (_c, id) => void calls.push(`cards.confirm ${id}`),
    openDispute: async (_c, id) => (
      calls.push(`cards.dispute ${id}`),
      { id: 'D-C', transactionId: id, status: 'open' }
    ),
    reviews: async () => new Map([['t-card', 'disputed' as const]]),
  };
}

describe('composite bank', () => {
  it("names a card payment's card by the issuer's id, matched on account and last four digits", async () => {
    const bank = createCompositeBank({ accounts: accountSide([]), cards: cardSide([]) });
    const [card, unknown, transfer] = await bank.listTransactions(who);
    assert.equal(card?.cardId, 'ic_123');
    assert.equal(card?.review, 'disputed', 'the review comes from the card issuer');
    assert.equal(unknown?.cardId, undefined, 'a card the issuer does not know is not named');
    assert.deepEqual(transfer, tx('t-transfer'));
    assert.deepEqual(await bank.getTransaction(who, 't-card'), card);
  });

  it('sends card payments to the issuer and other transactions to the account side', async () => {
    const calls: string[] = [];
    const bank = createCompositeBank({ accounts: accountSide(calls), cards: cardSide(calls) });
    await bank.confirmTransaction(who, 't-card');
    await bank.confirmTransaction(who, 't-transfer');
    assert.equal((await bank.openDispute(who, 't-card', 'fraudulent')).id, 'D-C');
    assert.equal((await bank.openDispute(who, 't-transfer', 'other')).id, 'D-A');
    await bank.setCardStatus(who, 'ic_123', 'frozen');
    assert.deepEqual(calls, [
      'cards.confirm t-card',
      'accounts.confirm t-transfer',
      'cards.dispute t-card',
      'accounts.dispute t-transfer',
      'cards.status ic_123 frozen',
    ]);
  });

  it('answers an unknown transaction with BANK_ERR_NOT_FOUND before asking the issuer', async () => {
    const calls: string[] = [];
    const bank = createCompositeBank({ accounts: accountSide(calls), cards: cardSide(calls) });
    for (const call of [bank.confirmTransaction(who, 'nope'), bank.openDispute(who, 'nope', 'other')]) {
      await assert.rejects(
        call,
        (error: unknown) => isBankError(error) && error.code === 'BANK_ERR_NOT_FOUND',
      );
    }
    assert.deepEqual(calls, []);
  });

  it("lists the issuer's cards and leaves identity, profile and accounts to the account side", async () => {
    const accounts = accountSide([]);
    const bank = createCompositeBank({ accounts, cards: cardSide([]) });
    assert.deepEqual(await bank.listCards(who), [issuerCard, otherAccountCard]);
    assert.deepEqual(await bank.getProfile(who), profile);
    assert.deepEqual(await bank.resolveCustomer('linked'), { customerId: 'cara', accessToken: 'linked' });
    await assert.rejects(
      bank.listAccounts(who),
      (error: unknown) => isBankError(error),
      'the empty sandbox knows no cara',
    );
  });
});
