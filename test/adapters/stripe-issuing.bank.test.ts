import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { createSandboxBank, type SandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { createStripeIssuingBank, type StripeIssuingBank } from '../../adapters/banks/stripe-issuing.bank.js';
import { isBankError, type BankErrorCode, type Transaction } from '../../bot/ports/bank.port.js';
import type { SpecRequest } from '../support/banks/spec-validator.js';
import {
  startStripeIssuing,
  STRIPE_TEST_KEY,
  type StripeIssuingFake,
} from '../support/banks/stripe-issuing.server.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const alex = { customerId: 'alex' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function rejectsWith(promise: Promise<unknown>, code: BankErrorCode) {
  await assert.rejects(promise, (error: unknown) => isBankError(error) && error.code === code);
}

describe('Stripe Issuing adapter', () => {
  let sandbox: SandboxBank;
  let stripe: StripeIssuingFake;
  let cards: StripeIssuingBank;
  let charges: Transaction[];
  const servers: StripeIssuingFake[] = [];
  const since = (count: number): SpecRequest[] => stripe.received().slice(count);
  const line = (r: SpecRequest) => `${r.method} ${r.path}`;

  beforeEach(async () => {
    sandbox = createSandboxBank({ now: () => NOW });
    stripe = await startStripeIssuing(sandbox, { maxPage: 20 });
    servers.push(stripe);
    cards = createStripeIssuingBank({ apiKey: STRIPE_TEST_KEY, baseUrl: stripe.origin });
    charges = (await sandbox.listTransactions(alex)).filter((tx) => tx.cardId !== undefined);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    assert.deepEqual(
      servers.flatMap((s) => s.validator.violations),
      [],
    );
  });

  it("lists the cardholder's cards with their accounts and names, inactive as frozen", async () => {
    await sandbox.setCardStatus(alex, 'card-alex-credit', 'frozen');
    assert.deepEqual(await cards.listCards(alex), await sandbox.listCards(alex));
    assert.deepEqual(
      (await cards.listCards({ customerId: 'sam' })).map((c) => c.id),
      ['card-sam-debit', 'card-sam-credit'],
    );
    await rejectsWith(cards.listCards({ customerId: 'nobody' }), 'BANK_ERR_NOT_FOUND');
  });

  it('freezes with status=inactive and unfreezes with status=active, pinning the API version', async () => {
    const start = stripe.received().length;
    assert.equal((await cards.setCardStatus(alex, 'card-alex-debit', 'frozen')).status, 'frozen');
    assert.equal(sandbox.cardStatus('alex', 'card-alex-debit'), 'frozen');
    assert.equal((await cards.setCardStatus(alex, 'card-alex-debit', 'active')).status, 'active');
    assert.equal(sandbox.cardStatus('alex', 'card-alex-debit'), 'active');
    const posts = since(start).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.body]),
      [
        ['/v1/issuing/cards/card-alex-debit', { status: 'inactive' }],
        ['/v1/issuing/cards/card-alex-debit', { status: 'active' }],
      ],
    );
    for (const r of posts) {
      assert.equal(r.headers.authorization, `Bearer ${STRIPE_TEST_KEY}`);
      assert.equal(r.headers['stripe-version'], '2023-08-16');
      assert.match(r.headers['idempotency-key'] ?? '', UUID);
    }
  });

  it("leaves another cardholder's card alone", async () => {
    const start = stripe.received().length;
    await rejectsWith(
      cards.setCardStatus({ customerId: 'sam' }, 'card-alex-debit', 'frozen'),
      'BANK_ERR_NOT_FOUND',
    );
    assert.equal(sandbox.cardStatus('alex', 'card-alex-debit'), 'active');
    assert.ok(since(start).every((r) => r.method === 'GET'));
  });

  it('creates, submits and then reuses one dispute for a posted charge', async () => {
    const tx = charges.find((t) => t.status === 'booked' && t.amount.minor < 0) ?? assert.fail('no charge');
    const start = stripe.received().length;
    const first = await cards.openDispute(alex, tx.id, 'fraudulent');
    assert.deepEqual(first, { id: sandbox.disputes('alex')[0]?.id, transactionId: tx.id, status: 'open' });
    const created = since(start).find((r) => line(r) === 'POST /v1/issuing/disputes');
    assert.deepEqual(created?.body, {
      transaction: tx.id,
      evidence: {
        reason: 'fraudulent',
        fraudulent: { explanation: 'Reported by the cardholder in conversation.' },
      },
    });
    assert.ok(since(start).some((r) => line(r) === `POST /v1/issuing/disputes/${first.id}/submit`));
    const again = stripe.received().length;
    assert.deepEqual(await cards.openDispute(alex, tx.id, 'fraudulent'), first);
    assert.ok(!since(again).some((r) => line(r) === 'POST /v1/issuing/disputes'), 'no second dispute');
    assert.equal(sandbox.disputes('alex').length, 1);
    assert.equal((await cards.reviews(alex)).get(tx.id), 'disputed');
  });

  it('confirms a pending charge on its authorization, and cannot dispute it yet', async () => {
    const pending = charges.find((t) => t.status === 'pending') ?? assert.fail('no pending charge');
    await rejectsWith(cards.openDispute(alex, pending.id, 'fraudulent'), 'BANK_ERR_INVALID');
    const start = stripe.received().length;
    await cards.confirmTransaction(alex, pending.id);
    const posted = since(start).find((r) => r.method === 'POST');
    assert.equal(posted?.path, `/v1/issuing/authorizations/${pending.id}`);
    assert.deepEqual(posted?.body, { metadata: { bankbot_review: 'confirmed' } });
    assert.deepEqual(sandbox.confirmations('alex'), [pending.id]);
    assert.equal((await cards.reviews(alex)).get(pending.id), 'confirmed');
    await rejectsWith(cards.confirmTransaction({ customerId: 'sam' }, pending.id), 'BANK_ERR_NOT_FOUND');
  });

  it("reads every page of the cardholder's transactions for reviews", async () => {
    const posted = charges.filter((t) => t.status === 'booked');
    assert.ok(posted.length > 20);
    const last = posted.at(-1) ?? assert.fail('no charge');
    await cards.confirmTransaction(alex, last.id);
    const start = stripe.received().length;
    assert.equal((await cards.reviews(alex)).get(last.id), 'confirmed');
    const pages = since(start).filter((r) => r.path === '/v1/issuing/transactions');
    assert.equal(pages.length, Math.ceil(posted.length / 20));
    assert.ok(pages.slice(1).every((r) => r.query.starting_after !== undefined));
  });

  it('treats a refused platform key, a server error and a rate limit as the bank being unavailable or busy', async () => {
    const wrongKey = createStripeIssuingBank({ apiKey: 'sk_test_wrong', baseUrl: stripe.origin });
    await rejectsWith(wrongKey.listCards(alex), 'BANK_ERR_UNAVAILABLE');
    stripe.setFault({ kind: 'status', status: 500 });
    await rejectsWith(cards.listCards(alex), 'BANK_ERR_UNAVAILABLE');
    stripe.setFault({ kind: 'rate-limit', retryAfterSeconds: 60 });
    await rejectsWith(cards.listCards(alex), 'BANK_ERR_RATE_LIMITED');
    stripe.setFault({ kind: 'none' });
    assert.equal((await cards.listCards(alex)).length, 2);
  });
});
