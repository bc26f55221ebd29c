import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  createSandboxBank,
  sandboxAccessToken,
  type SandboxCustomerFixture,
} from '../../adapters/banks/sandbox.bank.js';
import { SANDBOX_OTP_TTL_MS } from '../../adapters/banks/sandbox/step-up.js';
import { localDay } from '../../adapters/banks/sandbox/calendar.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { generateCustomer } from '../../adapters/banks/sandbox/generate.js';
import { daily, payments, pin, type Persona } from '../../adapters/banks/sandbox/persona.js';
import { money } from '../../bot/money.js';
import {
  BANK_ERROR_CODES,
  isBankError,
  type BankErrorCode,
  type BankPort,
  type CustomerRef,
  type Transaction,
} from '../../bot/ports/bank.port.js';
import { runBankContract } from '../contracts/bank.contract.js';
import { sandboxStepUpCode, sentCodes } from '../support/banks/sandbox-codes.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const DAY_MS = 86_400_000;
const now = () => NOW;
const alex: CustomerRef = { customerId: 'alex' };
const fixtures = builtInCustomers(NOW, 1);

const cafe = { name: 'Canary Cafe', descriptor: 'CANARY CAFE 7766', category: 'coffee' };
const account = 'acc-canary';
const card = 'card-canary';
/** Distinctive values a privacy test can look for: none may ever leave the bank unmasked. */
const canary: SandboxCustomerFixture = {
  profile: { id: 'canary', firstName: 'Cara', locale: 'en-US', timeZone: 'America/Chicago' },
  accounts: [
    {
      id: account,
      kind: 'checking',
      name: 'Checking',
      number: '99887766',
      currency: 'USD',
      balanceMinor: 12_345_678,
    },
  ],
  cards: [{ id: card, accountId: account, name: 'Visa debit', number: '4000001234567899' }],
  transactions: [
    {
      accountId: account,
      date: '2026-11-18T14:00:00Z',
      amountMinor: 250_000,
      merchant: { ...cafe, category: 'income' },
    },
    { accountId: account, cardId: card, date: '2026-11-19T16:30:00Z', amountMinor: -1_999, merchant: cafe },
    {
      accountId: account,
      cardId: card,
      status: 'pending',
      date: '2026-11-20T14:10:00Z',
      amountMinor: -4_500,
      merchant: cafe,
    },
  ],
};

const numbersOf = (fixture: SandboxCustomerFixture) =>
  [...fixture.accounts, ...fixture.cards].map((item) => item.number);

for (const fixture of fixtures) {
  runBankContract(`sandbox (${fixture.profile.id})`, async () => {
    const bank = createSandboxBank({ now });
    return {
      bank,
      customer: { customerId: fixture.profile.id },
      unknownCustomer: { customerId: 'nobody' },
      accessToken: sandboxAccessToken(fixture.profile.id),
      sensitiveNumbers: numbersOf(fixture),
      stepUpCode: sandboxStepUpCode(bank, fixture),
    };
  });
}
runBankContract('sandbox (seeded canary)', async () => {
  const bank = createSandboxBank({ now });
  bank.seedCustomer(canary);
  return {
    bank,
    customer: { customerId: 'canary' },
    unknownCustomer: { customerId: '' },
    accessToken: sandboxAccessToken('canary'),
    sensitiveNumbers: numbersOf(canary),
  };
});

async function everything(bank: BankPort) {
  return Promise.all(
    ['alex', 'sam', 'maria'].map(async (customerId) => ({
      balances: await bank.getBalances({ customerId }),
      transactions: await bank.listTransactions({ customerId }),
      merchants: await bank.listMerchants({ customerId }),
      cards: await bank.listCards({ customerId }),
    })),
  );
}

describe('sandbox bank', () => {
  it('generates identical data, ids included, for the same seed and day', async () => {
    const later = new Date('2026-11-20T21:30:00Z'); // still 20 November in New York, London and Madrid
    const first = await everything(createSandboxBank({ now, seed: 7 }));
    assert.deepEqual(await everything(createSandboxBank({ now: () => later, seed: 7 })), first);
    assert.notDeepEqual(await everything(createSandboxBank({ now, seed: 8 })), first);
  });

  it('spans the 90 days before today, newest first, with card payments of the last two days pending', async () => {
    const bank = createSandboxBank({ now });
    for (const { profile } of fixtures) {
      const list = await bank.listTransactions({ customerId: profile.id });
      const days = list.map((tx) => localDay(Date.parse(tx.date), profile.timeZone));
      assert.equal(days[0], '2026-11-19', profile.id);
      assert.ok(days.every((day) => day >= '2026-08-22' && day <= '2026-11-19'));
      assert.ok((days.at(-1) ?? '') <= '2026-08-24', `${profile.id} starts ${days.at(-1)}`);
      const pending = list.filter((tx) => tx.status === 'pending');
      assert.ok(pending.length >= 2, profile.id);
      for (const tx of pending) {
        assert.ok(tx.cardId !== undefined);
        assert.ok(localDay(Date.parse(tx.date), profile.timeZone) >= '2026-11-18');
      }
    }
  });

  it('moves the window with the day and keeps the days both windows share', async () => {
    const today = await createSandboxBank({ now }).listTransactions(alex);
    const tomorrow = await createSandboxBank({
      now: () => new Date(NOW.getTime() + DAY_MS),
    }).listTransactions(alex);
    const dayOf = (tx: Transaction) => localDay(Date.parse(tx.date), 'America/New_York');
    assert.equal(dayOf(tomorrow[0] ?? assert.fail('empty')), '2026-11-20');
    assert.ok(tomorrow.every((tx) => dayOf(tx) >= '2026-08-23'));
    const shared = (list: readonly Transaction[]) => list.filter((tx) => dayOf(tx) === '2026-09-20');
    assert.ok(shared(today).length > 0);
    assert.deepEqual(shared(tomorrow), shared(today));
  });

  it('reports balances that follow from the transactions and never overdraw over the window', async () => {
    const bank = createSandboxBank({ now });
    for (const fixture of fixtures) {
      const customer = { customerId: fixture.profile.id };
      const list = await bank.listTransactions(customer);
      for (const balance of await bank.getBalances(customer)) {
        const account =
          fixture.accounts.find((a) => a.id === balance.accountId) ?? assert.fail('unknown account');
        const mine = list.filter((tx) => tx.accountId === account.id);
        const holds = mine
          .filter((tx) => tx.status === 'pending')
          .reduce((sum, tx) => sum + tx.amount.minor, 0);
        assert.equal(balance.current.minor, account.balanceMinor);
        assert.equal(
          balance.available.minor,
          (account.creditLimitMinor ?? 0) + balance.current.minor + holds,
        );
        let running = balance.current.minor;
        for (const tx of mine.filter((t) => t.status === 'booked')) {
          running -= tx.amount.minor; // walking back in time to the opening balance
          if (account.kind === 'credit')
            assert.ok(running <= 0 && running >= -(account.creditLimitMinor ?? 0));
          else assert.ok(running >= 0, `${account.id} overdrawn before ${tx.id}`);
        }
      }
    }
  });

  it('holds the $42.10 card charge of the demo within the last week, and one older twin', async () => {
    const bank = createSandboxBank({ now });
    const recent = await bank.listTransactions(alex, {
      amount: money(4210, 'USD'),
      from: new Date(NOW.getTime() - 7 * DAY_MS).toISOString(),
    });
    assert.equal(recent.length, 1);
    assert.equal(recent[0]?.amount.minor, -4210);
    assert.ok(recent[0]?.cardId);
    const twins = await bank.listTransactions(alex, { amount: money(4210, 'USD') });
    assert.equal(twins.length, 2);
    assert.notEqual(twins[0]?.merchant.name, twins[1]?.merchant.name);
  });

  it('keeps a pinned demo amount unique however the random draws fall', () => {
    const coffee = { name: 'Cafe', descriptor: 'CAFE', category: 'coffee' };
    const persona: Persona = {
      profile: canary.profile,
      accounts: [
        {
          id: account,
          kind: 'checking',
          name: 'Checking',
          number: '99887766',
          currency: 'USD',
          cushionMinor: 0,
        },
      ],
      cards: canary.cards,
      patterns: [payments(account, card)(coffee, [-4_211, -4_210], daily(1), [8, 9])],
      pinned: [pin(3, '12:00', account, card, coffee, -4_210)],
    };
    const { transactions } = generateCustomer(persona, '2026-11-20', 1);
    assert.equal(transactions.length, 91);
    assert.equal(transactions.filter((tx) => tx.amountMinor === -4_210).length, 1);
  });

  it('gives each customer their locale, zone, currency and local merchants', async () => {
    const bank = createSandboxBank({ now });
    const cases = [
      [
        'alex',
        'en-US',
        'America/New_York',
        'USD',
        ['Starbucks', 'Amazon Prime', 'Whole Foods Market', 'Netflix'],
      ],
      ['sam', 'en-GB', 'Europe/London', 'GBP', ['Tesco', "Sainsbury's", 'Pret A Manger', 'TfL', 'Deliveroo']],
      ['maria', 'es-ES', 'Europe/Madrid', 'EUR', ['Mercadona', 'El Corte Inglés', 'Renfe', 'Zara', 'Glovo']],
    ] as const;
    assert.deepEqual(bank.customerIds(), ['alex', 'sam', 'maria']);
    for (const [customerId, locale, timeZone, currency, merchants] of cases) {
      const profile = await bank.getProfile({ customerId });
      assert.deepEqual([profile.locale, profile.timeZone], [locale, timeZone]);
      const accounts = await bank.listAccounts({ customerId });
      assert.deepEqual(accounts.map((a) => a.kind).sort(), ['checking', 'credit', 'savings']);
      assert.ok(accounts.every((a) => a.currency === currency));
      const listed = await bank.listMerchants({ customerId });
      for (const name of merchants)
        assert.ok(
          listed.some((m) => m.name === name),
          `${customerId}: ${name}`,
        );
      assert.equal(
        new Set(listed.map((m) => JSON.stringify(m))).size,
        listed.length,
        'merchants are distinct',
      );
      assert.ok(
        listed.every((m) => /^[a-z_]+$/.test(m.category)),
        'categories are lower-case slugs',
      );
    }
  });

  it('masks a seeded customer and keeps the given balance', async () => {
    const bank = createSandboxBank({ now, customers: [canary] });
    const customer = { customerId: 'canary' };
    assert.deepEqual(bank.customerIds(), ['canary']);
    assert.equal((await bank.listAccounts(customer))[0]?.maskedNumber, '••7766');
    assert.equal((await bank.listCards(customer))[0]?.maskedNumber, '••7899');
    const [balance] = await bank.getBalances(customer);
    assert.deepEqual(balance?.current, money(12_345_678, 'USD'));
    assert.deepEqual(balance?.available, money(12_345_678 - 4_500, 'USD'));
    const ids = (await bank.listTransactions(customer)).map((tx) => tx.id);
    assert.deepEqual(ids, ['tx-canary-20261120-01', 'tx-canary-20261119-01', 'tx-canary-20261118-01']);
  });

  it('bounds a YYYY-MM-DD day by local midnights, also on a 23-hour DST day', async () => {
    const at = (date: string, id: string) => ({
      id,
      accountId: account,
      date,
      amountMinor: -100,
      merchant: cafe,
    });
    const bank = createSandboxBank({ now, customers: [] });
    bank.seedCustomer({
      ...canary,
      profile: { ...canary.profile, timeZone: 'America/New_York' },
      transactions: [
        at('2026-03-08T04:59:59Z', 'before'), // 23:59:59 EST on the 7th
        at('2026-03-08T05:00:00Z', 'first'), // 00:00 EST on the 8th
        at('2026-03-09T03:59:59Z', 'last'), // 23:59:59 EDT on the 8th
        at('2026-03-09T04:00:00Z', 'after'),
      ],
    });
    const listed = await bank.listTransactions(
      { customerId: 'canary' },
      { from: '2026-03-08', to: '2026-03-08' },
    );
    assert.deepEqual(
      listed.map((tx) => tx.id),
      ['last', 'first'],
    );
  });

  it('rejects an inconsistent fixture', () => {
    const bank = createSandboxBank({ now });
    const stray = {
      ...canary,
      cards: [
        { ...canary.cards[0], id: 'card-x', accountId: 'acc-missing', name: 'x', number: '4000001234567899' },
      ],
    };
    assert.throws(() => bank.seedCustomer(stray), RangeError);
  });
});

async function rejectsWith(promise: Promise<unknown>, code: BankErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isBankError(error) && error.code === code);
}

/** Whether the promise settles once pending microtasks and I/O callbacks have run. */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('sandbox bank controls', () => {
  it('rejects every call with BANK_ERR_UNAVAILABLE while down, and recovers', async () => {
    const bank = createSandboxBank({ now, fault: 'down' });
    await rejectsWith(bank.getProfile(alex), 'BANK_ERR_UNAVAILABLE');
    bank.setFault('none');
    assert.equal((await bank.getProfile(alex)).id, 'alex');
    bank.setFault('down');
    await rejectsWith(bank.listTransactions(alex), 'BANK_ERR_UNAVAILABLE');
    await rejectsWith(bank.setCardStatus(alex, 'card-alex-debit', 'frozen'), 'BANK_ERR_UNAVAILABLE');
    assert.equal(bank.cardStatus('alex', 'card-alex-debit'), 'active');
    bank.setFault('none');
    assert.ok((await bank.listTransactions(alex)).length > 0);
  });

  it('answers after latencyMs, or after slowMs while slow', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const call = createSandboxBank({ now, latencyMs: 100 }).listCards(alex);
    t.mock.timers.tick(99);
    assert.equal(await settles(call), false);
    t.mock.timers.tick(1);
    assert.equal(await settles(call), true);
    const slow = createSandboxBank({ now, fault: 'slow', slowMs: 3000 }).listCards(alex);
    t.mock.timers.tick(2999);
    assert.equal(await settles(slow), false);
    t.mock.timers.tick(1);
    assert.equal(await settles(slow), true);
  });

  it('waits on a timer that does not keep the process alive', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const bank = createSandboxBank({ now, fault: 'slow', slowMs: 2_000 });
    const before = timers();
    const pending = bank.getProfile(alex);
    assert.equal(await settles(pending), false);
    assert.equal(timers(), before);
  });

  it('answers an unknown customer with BANK_ERR_UNAUTHORIZED', async () => {
    const bank = createSandboxBank({ now });
    await rejectsWith(bank.listAccounts({ customerId: 'mallory' }), 'BANK_ERR_UNAUTHORIZED');
    assert.throws(
      () => bank.disputes('mallory'),
      (error: unknown) => isBankError(error) && BANK_ERROR_CODES.includes(error.code),
    );
  });

  it('rejects malformed input with BANK_ERR_INVALID', async () => {
    const bank = createSandboxBank({ now });
    const [salary] = await bank.listTransactions(alex, { merchant: 'payroll', limit: 1 });
    const invalid: Promise<unknown>[] = [
      bank.listTransactions(alex, { from: 'last tuesday' }),
      bank.listTransactions(alex, { to: '2026-02-30' }),
      bank.listTransactions(alex, { merchant: ' ' }),
      bank.listTransactions(alex, { amount: { minor: 42.1, currency: 'USD' } }),
      bank.openDispute(alex, salary?.id ?? 'x', 'fraudulent'),
    ];
    for (const call of invalid) await rejectsWith(call, 'BANK_ERR_INVALID');
  });

  it('returns copies that callers cannot use to change the bank', async () => {
    const bank = createSandboxBank({ now });
    const [card] = await bank.listCards(alex);
    Reflect.set(card ?? {}, 'status', 'frozen');
    assert.equal(bank.cardStatus('alex', card?.id ?? ''), 'active');
    const [tx] = await bank.listTransactions(alex);
    const original = structuredClone(tx);
    Reflect.set(tx?.amount ?? {}, 'minor', 1);
    Reflect.set(tx?.merchant ?? {}, 'name', 'changed');
    assert.deepEqual(await bank.getTransaction(alex, tx?.id ?? ''), original);
    const profile = await bank.getProfile(alex);
    Reflect.set(profile, 'firstName', 'Mallory');
    assert.equal((await bank.getProfile(alex)).firstName, 'Alex');
  });

  it('shows card status, disputes and confirmations in its inspection helpers', async () => {
    const bank = createSandboxBank({ now });
    const [charge] = await bank.listTransactions(alex, { amount: money(4210, 'USD'), limit: 1 });
    const id = charge?.id ?? assert.fail('no charge');
    await bank.setCardStatus(alex, 'card-alex-credit', 'frozen');
    assert.equal(bank.cardStatus('alex', 'card-alex-credit'), 'frozen');
    const dispute = await bank.openDispute(alex, id, 'fraudulent');
    assert.deepEqual(bank.disputes('alex'), [dispute]);
    assert.deepEqual(bank.confirmations('alex'), []);
    await bank.confirmTransaction(alex, id); // the customer remembers after all: the dispute is withdrawn
    assert.deepEqual(bank.disputes('alex'), [{ ...dispute, status: 'resolved' }]);
    assert.deepEqual(bank.confirmations('alex'), [id]);
    assert.equal((await bank.getTransaction(alex, id)).review, 'confirmed');
    assert.deepEqual(await bank.openDispute(alex, id, 'other'), dispute);
    assert.deepEqual(bank.confirmations('alex'), []);
  });
});

describe('sandbox step-up and app inbox', () => {
  it('sends maria a one-time code to her app that expires after five minutes', async () => {
    let at = NOW.getTime();
    const bank = createSandboxBank({ now: () => new Date(at) });
    const maria = { customerId: 'maria' };
    assert.deepEqual(await bank.startStepUp(maria), { method: 'otp', sentTo: 'app' });
    const [code] = sentCodes(bank, 'maria');
    assert.ok(code, 'a code was sent to the app');
    at += SANDBOX_OTP_TTL_MS + 1;
    assert.equal(await bank.verifyStepUp(maria, { method: 'otp', code }), 'invalid');
    await bank.startStepUp(maria);
    const fresh = sentCodes(bank, 'maria').at(-1);
    assert.notEqual(fresh, code, 'each code is new');
    assert.equal(await bank.verifyStepUp(maria, { method: 'otp', code: fresh ?? '' }), 'ok');
  });

  it("checks alex's documented voice PIN and never asks a customer without one", async () => {
    const bank = createSandboxBank({ now, customers: [{ ...canary }] });
    assert.deepEqual(await bank.startStepUp({ customerId: 'canary' }), { method: 'unsupported' });
    const withPin = createSandboxBank({ now });
    assert.deepEqual(await withPin.startStepUp(alex), { method: 'pin' });
    assert.equal(await withPin.verifyStepUp(alex, { method: 'pin', code: '2468' }), 'ok');
    assert.equal(await withPin.verifyStepUp(alex, { method: 'otp', code: '2468' }), 'invalid');
  });

  it('keeps what it sends to the app, in order, per customer', async () => {
    const bank = createSandboxBank({ now });
    assert.equal(await bank.sendToApp(alex, { title: 'Your balance', body: 'Checking: $1.00' }), 'sent');
    assert.deepEqual(bank.appInbox('alex'), [
      { title: 'Your balance', body: 'Checking: $1.00', at: NOW.toISOString() },
    ]);
    assert.deepEqual(bank.appInbox('sam'), []);
  });
});
