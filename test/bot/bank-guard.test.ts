import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardBank } from '../../bot/bank-guard.js';
import { BankError, isBankError, type BankPort, type CustomerRef } from '../../bot/ports/bank.port.js';

const alex: CustomerRef = { customerId: 'alex' };

/** A bank whose listAccounts answers with whatever the test's next `answer` returns. */
function bankOf(answer: () => Promise<unknown>): BankPort {
  return new Proxy({} as BankPort, { get: () => answer });
}

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isBankError(error) ? error.code : 'not a BankError';
  }
};

describe('bank guard', () => {
  it('passes answers and BankErrors through, and maps anything else to BANK_ERR_UNAVAILABLE', async () => {
    const value = [{ id: 'a' }];
    assert.equal(
      await guardBank(
        bankOf(async () => value),
        1000,
      ).listAccounts(alex),
      value,
    );
    const denied = new BankError('BANK_ERR_UNAUTHORIZED');
    await assert.rejects(
      guardBank(
        bankOf(async () => Promise.reject(denied)),
        1000,
      ).listAccounts(alex),
      (e) => e === denied,
    );
    assert.equal(
      await codeOf(
        guardBank(
          bankOf(async () => Promise.reject(new TypeError('x'))),
          1000,
        ).listAccounts(alex),
      ),
      'BANK_ERR_UNAVAILABLE',
    );
  });

  it('times out each hung call no sooner than its own timeout, and keeps serving calls after', async () => {
    const timeoutMs = 40;
    let settleLate: (value: unknown) => void = () => {};
    let hang = true;
    const bank = guardBank(
      bankOf(() => (hang ? new Promise((resolve) => (settleLate = resolve)) : Promise.resolve('fine'))),
      timeoutMs,
    );
    const timed = (start: number) => (code: string) => ({ code, waited: performance.now() - start });
    const first = codeOf(bank.listAccounts(alex)).then(timed(performance.now()));
    const quick = bankOf(async () => 'quick');
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = codeOf(bank.listAccounts(alex)).then(timed(performance.now()));
    assert.equal(await guardBank(quick, timeoutMs).listAccounts(alex), 'quick');
    const [a, b] = await Promise.all([first, second]);
    for (const { code, waited } of [a, b]) {
      assert.equal(code, 'BANK_ERR_TIMEOUT');
      assert.ok(waited >= timeoutMs - 2, `waited ${waited} ms`);
    }
    settleLate('too late'); // settling after the timeout changes nothing
    hang = false;
    assert.equal(await bank.listAccounts(alex), 'fine');
    assert.deepStrictEqual(
      await Promise.all([bank.listAccounts(alex), bank.getBalances(alex), bank.listCards(alex)]),
      ['fine', 'fine', 'fine'],
    );
    hang = true;
    assert.equal(await codeOf(bank.listAccounts(alex)), 'BANK_ERR_TIMEOUT');
  });
});
