import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { balanceOf } from '../../adapters/banks/sandbox/balance.js';
import { copyData } from '../../adapters/banks/sandbox/copy.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { createLedger } from '../../adapters/banks/sandbox/ledger.js';
import type { CustomerRef } from '../../bot/ports/bank.port.js';

const NOW = new Date('2026-11-20T15:00:00Z');

/** Varied plain data, plus values that are not plain data (handed to structuredClone). */
function samples(): unknown[] {
  const values: unknown[] = [
    null,
    undefined,
    0,
    -0,
    Number.NaN,
    'text',
    true,
    [],
    {},
    { a: undefined, b: null, c: [1, 'two', { three: 3 }] },
    [[[{ deep: [{ deeper: 'x' }] }]]],
    { minor: -4210, currency: 'USD' },
    { when: new Date(0), where: new Map([['k', { v: 1 }]]), tags: new Set(['a']) },
    Object.assign(Object.create(null) as object, { bare: 1 }),
  ];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const build = (depth: number): unknown => {
    const pick = random();
    if (depth === 0 || pick < 0.3)
      return [random() * 1000, `s${seed}`, random() < 0.5, null][Math.floor(random() * 4)];
    if (pick < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => build(depth - 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}`, build(depth - 1)]),
    );
  };
  for (let i = 0; i < 200; i++) values.push(build(4));
  return values;
}

describe('sandbox copyData', () => {
  it('gives what structuredClone gives, for plain data and anything else', () => {
    for (const value of samples()) assert.deepStrictEqual(copyData(value), structuredClone(value));
  });

  it('shares nothing mutable with the original', () => {
    const original = { list: [{ money: { minor: 1, currency: 'USD' } }], nested: { a: [1, 2] } };
    const copy = copyData(original);
    copy.list[0]!.money.minor = 999;
    copy.nested.a.push(3);
    copy.list.push({ money: { minor: 2, currency: 'EUR' } });
    assert.deepStrictEqual(original, {
      list: [{ money: { minor: 1, currency: 'USD' } }],
      nested: { a: [1, 2] },
    });
  });

  it('copies every answer the sandbox gives as structuredClone would', async () => {
    const bank = createSandboxBank({ now: () => NOW });
    for (const customerId of bank.customerIds()) {
      const customer: CustomerRef = { customerId };
      const answers: unknown[] = [
        await bank.getProfile(customer),
        await bank.listAccounts(customer),
        await bank.getBalances(customer),
        await bank.listTransactions(customer),
        await bank.listMerchants(customer),
        await bank.listCards(customer),
      ];
      for (const answer of answers) assert.deepStrictEqual(copyData(answer), structuredClone(answer));
    }
  });
});

describe('sandbox balances, computed once per ledger account', () => {
  it('answers the same balance every time, in objects the caller owns', async () => {
    const bank = createSandboxBank({ now: () => NOW });
    const alex: CustomerRef = { customerId: 'alex' };
    const first = await bank.getBalances(alex);
    const mutable = first as unknown as { current: { minor: number } }[];
    for (const balance of mutable) balance.current.minor = 1;
    assert.deepStrictEqual(
      await bank.getBalances(alex),
      await createSandboxBank({ now: () => NOW }).getBalances(alex),
    );
    assert.notDeepStrictEqual(await bank.getBalances(alex), first);
  });

  it('is the balance of the transactions it is given', () => {
    const [fixture] = builtInCustomers(NOW, 1);
    assert.ok(fixture);
    const ledger = createLedger(fixture);
    for (const entry of ledger.accounts.values()) {
      const full = balanceOf(entry, ledger.transactions);
      assert.equal(balanceOf(entry, ledger.transactions), full);
      const none = balanceOf(entry, []);
      assert.equal(none.current.minor, entry.openingMinor);
      assert.deepStrictEqual(balanceOf(entry, ledger.transactions), full);
    }
  });
});
