import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchAccounts } from '../../../bot/entities/account-match.js';
import { extractEntities } from '../../../bot/entities/extract.js';
import type { Account, AccountKind } from '../../../bot/ports/bank.port.js';

const account = (id: string, kind: AccountKind, name: string, maskedNumber: string): Account => ({
  id,
  kind,
  name,
  maskedNumber,
  currency: 'USD',
});

const accounts: readonly Account[] = [
  account('chk', 'checking', 'Everyday Checking', '••6789'),
  account('sav', 'savings', 'High Yield Savings', '••1234'),
  account('kid', 'savings', 'Kids Savings', '••5555'),
  account('rwd', 'credit', 'Rewards Visa', '••4242'),
  account('trv', 'credit', 'Travel Mastercard', '••8888'),
];

/** As the dialogs call it: the kind comes from extractEntities. */
function ids(text: string, list: readonly Account[] = accounts): string[] {
  const { accountKind } = extractEntities(text, {
    locale: 'en-US',
    timeZone: 'UTC',
    now: new Date('2026-11-21T15:00:00Z'),
  });
  return matchAccounts(accountKind, text, list).map((found) => found.id);
}

describe('matchAccounts', () => {
  const cases: [string, string[]][] = [
    ["what's my balance", ['chk', 'sav', 'kid', 'rwd', 'trv']],
    ['balance of all my accounts', ['chk', 'sav', 'kid', 'rwd', 'trv']],
    ['how much is in checking', ['chk']],
    ['my savings', ['sav', 'kid']],
    ['the kids savings', ['kid']],
    ['high yield', ['sav']],
    ['what do I owe on my visa', ['rwd']],
    ['my mastercard', ['trv']],
    ['my credit cards', ['rwd', 'trv']],
    ['the rewards card', ['rwd']],
    ['the account ending 1234', ['sav']],
    ['move money from checking to savings', ['chk']],
  ];
  for (const [text, expected] of cases) {
    it(`picks ${expected.join(', ')} for ${JSON.stringify(text)}`, () => {
      assert.deepEqual(ids(text), expected);
    });
  }

  it('returns no account when the customer has none of the kind asked for', () => {
    assert.deepEqual(ids('my savings', [accounts[0]!, accounts[3]!]), []);
  });

  it('does not read "current balance" as an account called Current Account', () => {
    const uk = [
      account('cur', 'checking', 'Current Account', '••1111'),
      account('isa', 'savings', 'Cash ISA', '••2222'),
    ];
    assert.deepEqual(
      matchAccounts(undefined, "what's my current balance", uk).map((found) => found.id),
      ['cur', 'isa'],
    );
  });

  it('uses the kind it is given even when the text does not say it', () => {
    assert.deepEqual(
      matchAccounts('credit', 'freeze it', accounts).map((found) => found.id),
      ['rwd', 'trv'],
    );
  });
});
