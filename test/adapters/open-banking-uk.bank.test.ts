import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createOpenBankingUkBank,
  type ObVersion,
  type OpenBankingUkOptions,
} from '../../adapters/banks/open-banking-uk.bank.js';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { isBankError, type BankErrorCode, type CustomerRef } from '../../bot/ports/bank.port.js';
import { demoSettings } from '../support/banks/bank-servers.js';
import { startObAspsp, type ObAspsp } from '../support/banks/ob-aspsp.server.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const alex: CustomerRef = { customerId: 'alex', accessToken: sandboxAccessToken('alex') };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function rejectsWith(promise: Promise<unknown>, code: BankErrorCode) {
  let caught: unknown;
  await assert.rejects(
    promise,
    (error: unknown) => ((caught = error), isBankError(error) && error.code === code),
  );
  return isBankError(caught) ? caught : assert.fail('not a BankError');
}

/** An ASPSP over a fresh sandbox, and an adapter of the same version pointed at it. */
async function setup(version: ObVersion, http: OpenBankingUkOptions['http'] = {}) {
  const sandbox = createSandboxBank({ now: () => NOW });
  const [fixture] = builtInCustomers(NOW, 1);
  const numbers = Object.fromEntries((fixture?.accounts ?? []).map((a) => [a.id, a.number]));
  const aspsp = await startObAspsp({ sandbox, version, numbers });
  const bank = createOpenBankingUkBank({
    baseUrl: aspsp.baseUrl,
    version,
    settingsOf: demoSettings,
    categoryOf: (tx) => tx.ProprietaryBankTransactionCode?.Code,
    http,
  });
  return { sandbox, aspsp, bank };
}

for (const version of ['3.1', '4.0'] as const) {
  describe(`UK Open Banking adapter, v${version}`, () => {
    let env: Awaited<ReturnType<typeof setup>>;
    before(async () => (env = await setup(version)));
    after(() => env.aspsp.close());

    it('answers as the sandbox behind the ASPSP does, through the standard', async () => {
      const { bank, sandbox } = env;
      const plain = { customerId: 'alex' };
      assert.deepEqual(await bank.getProfile(alex), await sandbox.getProfile(plain));
      assert.deepEqual(await bank.listAccounts(alex), await sandbox.listAccounts(plain));
      assert.deepEqual(await bank.getBalances(alex), await sandbox.getBalances(plain));
      const cards = await sandbox.listCards(plain);
      const masked = (id: string | undefined) => cards.find((c) => c.id === id)?.maskedNumber;
      const expected = (await sandbox.listTransactions(plain)).map(({ cardId, ...tx }) =>
        cardId ? { ...tx, cardId: masked(cardId) } : tx,
      );
      assert.deepEqual(await bank.listTransactions(alex), expected);
      assert.deepEqual(await bank.resolveCustomer(sandboxAccessToken('alex')), alex);
    });

    it('sends the bearer token and a fresh x-fapi-interaction-id on every request', () => {
      const received = env.aspsp.received();
      assert.ok(received.length > 5);
      assert.ok(received.every((r) => r.headers.authorization === `Bearer ${sandboxAccessToken('alex')}`));
      const ids = received.map((r) => r.headers['x-fapi-interaction-id'] ?? '');
      assert.ok(ids.every((id) => UUID.test(id)));
      assert.equal(new Set(ids).size, ids.length);
    });

    it('pages through Links.Next to the last page', () => {
      const pages = env.aspsp.received().filter((r) => r.path.endsWith('/transactions'));
      assert.ok(
        pages.some((r) => r.query.page === '2'),
        'a second page was fetched',
      );
    });

    it('asks for booking date-times a day wider and keeps exactly the asked range', async () => {
      const { bank, aspsp, sandbox } = env;
      const before = aspsp.received().length;
      const query = { from: '2026-11-10', to: '2026-11-12' };
      const ids = (await bank.listTransactions(alex, query)).map((tx) => tx.id);
      assert.deepEqual(
        ids,
        (await sandbox.listTransactions({ customerId: 'alex' }, query)).map((tx) => tx.id),
      );
      const asked = aspsp
        .received()
        .slice(before)
        .find((r) => r.path.endsWith('/transactions'));
      assert.equal(asked?.query.fromBookingDateTime, '2026-11-09T00:00:00Z');
      assert.equal(asked?.query.toBookingDateTime, '2026-11-14T00:00:00Z');
    });

    it('shows the last four digits of account numbers the ASPSP sends in full', async () => {
      const accounts = await env.bank.listAccounts(alex);
      assert.deepEqual(
        accounts.map((a) => a.maskedNumber),
        ['••6789', '••4321', '••1517'],
      );
      const sent = env.aspsp.received().some((r) => r.path.endsWith('/accounts'));
      assert.ok(sent);
    });

    it('refuses card operations and reviews, which the standard does not have', async () => {
      const [tx] = await env.bank.listTransactions(alex, { limit: 1 });
      assert.deepEqual(await env.bank.listCards(alex), []);
      await rejectsWith(env.bank.setCardStatus(alex, 'card-alex-debit', 'frozen'), 'BANK_ERR_NOT_FOUND');
      await rejectsWith(env.bank.confirmTransaction(alex, tx?.id ?? ''), 'BANK_ERR_INVALID');
      await rejectsWith(env.bank.openDispute(alex, 'no-such-tx', 'fraudulent'), 'BANK_ERR_NOT_FOUND');
    });

    it('asks nothing of the ASPSP for a customer without a token', async () => {
      const before = env.aspsp.received().length;
      await rejectsWith(env.bank.listAccounts({ customerId: 'alex' }), 'BANK_ERR_UNAUTHORIZED');
      await rejectsWith(env.bank.resolveCustomer(''), 'BANK_ERR_UNAUTHORIZED');
      assert.equal(env.aspsp.received().length, before);
    });

    it('has had no spec violation so far', () => {
      assert.deepEqual(env.aspsp.validator.violations, []);
    });
  });
}

describe('UK Open Banking adapter versions', () => {
  it("refuses a payload written in the other version's code lists", async () => {
    for (const [server, client] of [
      ['3.1', '4.0'],
      ['4.0', '3.1'],
    ] as const) {
      const { aspsp } = await setup(server);
      try {
        const bank = createOpenBankingUkBank({ baseUrl: aspsp.baseUrl, version: client });
        const error = await rejectsWith(bank.getBalances(alex), 'BANK_ERR_UNAVAILABLE');
        assert.match(error.message, /does not match the standard/);
      } finally {
        await aspsp.close();
      }
    }
  });
});

describe('UK Open Banking adapter failures', () => {
  let env: {
    aspsp: ObAspsp;
    bank: ReturnType<typeof createOpenBankingUkBank>;
    waits: number[];
    clock: { now: number };
  };
  before(async () => {
    const waits: number[] = [];
    const clock = { now: NOW.getTime() };
    const { aspsp, bank } = await setup('4.0', {
      timeoutMs: 200,
      sleep: async (ms: number) => void waits.push(ms),
      rateLimit: { maxRetries: 1, maxWaitSeconds: 2 },
      breaker: { failureThreshold: 2, openMs: 30_000, now: () => clock.now },
    });
    env = { aspsp, bank, waits, clock };
  });
  after(() => env.aspsp.close());

  it('maps 401 to a relink, 403 to expired consent and a forged token to a relink', async () => {
    const { aspsp, bank } = env;
    aspsp.setFault({ kind: 'status', status: 401 });
    await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_UNAUTHORIZED');
    aspsp.setFault({ kind: 'status', status: 403 });
    await rejectsWith(bank.getBalances(alex), 'BANK_ERR_FORBIDDEN');
    aspsp.setFault({ kind: 'none' });
    await rejectsWith(bank.resolveCustomer('sandbox-token-alex-forged'), 'BANK_ERR_UNAUTHORIZED');
  });

  it('honours a short Retry-After once, then reports the bank busy with the wait', async () => {
    const { aspsp, bank, waits } = env;
    aspsp.setFault({ kind: 'rate-limit', retryAfterSeconds: 1 });
    const before = aspsp.received().length;
    const busy = await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_RATE_LIMITED');
    assert.equal(busy.retryAfterSeconds, 1);
    assert.deepEqual(waits, [1000]);
    assert.equal(aspsp.received().length - before, 2);
    aspsp.setFault({ kind: 'rate-limit', retryAfterSeconds: 120 });
    assert.equal(
      (await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_RATE_LIMITED')).retryAfterSeconds,
      120,
    );
    assert.deepEqual(waits, [1000], 'a long Retry-After is not waited out');
    aspsp.setFault({ kind: 'none' });
    assert.equal((await bank.listAccounts(alex)).length, 3);
  });

  it('refuses an answer carrying another interaction id', async () => {
    env.aspsp.setFault({ kind: 'wrong-interaction-id' });
    await rejectsWith(env.bank.listAccounts(alex), 'BANK_ERR_UNAVAILABLE');
    env.aspsp.setFault({ kind: 'none' });
    assert.equal((await env.bank.listAccounts(alex)).length, 3, 'one failure leaves the breaker closed');
  });

  it('opens the breaker after 500 and a hang, fails fast while open, and closes on a good probe', async () => {
    const { aspsp, bank, clock } = env;
    aspsp.setFault({ kind: 'status', status: 500 });
    assert.match((await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_UNAVAILABLE')).message, /HTTP 500/);
    aspsp.setFault({ kind: 'hang' });
    assert.match((await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_UNAVAILABLE')).message, /timeout/);
    aspsp.setFault({ kind: 'none' });
    const before = aspsp.received().length;
    assert.match(
      (await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_UNAVAILABLE')).message,
      /circuit open/,
    );
    clock.now += 29_999;
    await rejectsWith(bank.listAccounts(alex), 'BANK_ERR_UNAVAILABLE');
    assert.equal(aspsp.received().length, before, 'nothing reached the bank while open');
    clock.now += 1;
    assert.equal((await bank.listAccounts(alex)).length, 3);
    assert.equal((await bank.getBalances(alex)).length, 3);
  });
});
