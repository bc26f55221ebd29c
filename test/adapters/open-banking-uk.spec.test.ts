import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { money } from '../../bot/money.js';
import type { Balance, Card, CustomerProfile } from '../../bot/ports/bank.port.js';
import { startObAspsp } from '../support/banks/ob-aspsp.server.js';
import { obDocuments } from '../support/banks/ob-documents.js';
import { loadSpec, type SpecName } from '../support/banks/openapi-spec.js';
import { SpecValidator, type SpecRequest } from '../support/banks/spec-validator.js';
import { stripeDocuments } from '../support/banks/stripe-documents.js';

const ID = '0b6c1a8e-5b0e-4d6f-9a4c-2f3e1d7c9b10';
const balance: Balance = {
  accountId: 'acc-1',
  current: money(-65_617, 'USD'),
  available: money(734_383, 'USD'),
  creditLimit: money(800_000, 'USD'),
};

async function validator(name: SpecName, linkParameters: string[] = []) {
  return new SpecValidator(await loadSpec(name), linkParameters);
}

function request(path: string, overrides: Partial<SpecRequest> = {}): SpecRequest {
  return {
    method: 'GET',
    path,
    query: {},
    headers: { authorization: 'Bearer token', 'x-fapi-interaction-id': ID },
    ...overrides,
  };
}

function checkOb(
  v: SpecValidator,
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const { operation } = v.checkRequest(request(path));
  assert.ok(operation, path);
  return v.checkResponse(operation, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-fapi-interaction-id': ID, ...headers },
    text: JSON.stringify(body),
  });
}

const balances = (version: '3.1' | '4.0') => ({
  Data: { Balance: obDocuments(version).balances(balance, '2026-11-20T15:00:00Z') },
  Links: { Self: 'https://aspsp.example/balances' },
});

describe('spec validator', () => {
  it('accepts each version its own code lists and rejects a v3.1 balance type sent to a v4.0 client', async () => {
    const v4 = await validator('ob-4.0');
    const v31 = await validator('ob-3.1');
    const path = (v: SpecValidator) => `${v.spec.basePath}/accounts/acc-1/balances`;
    assert.deepEqual(checkOb(v4, path(v4), 200, balances('4.0')), []);
    assert.deepEqual(checkOb(v31, path(v31), 200, balances('3.1')), []);
    const problems = checkOb(v4, path(v4), 200, balances('3.1'));
    assert.ok(
      problems.some((p) => /Type must be equal to one of the allowed values/.test(p)),
      problems.join('\n'),
    );
    assert.ok(checkOb(v31, path(v31), 200, balances('4.0')).length > 0);
  });

  it('catches a request without Authorization, a date without a zone and an unknown parameter', async () => {
    const v = await validator('ob-4.0', ['page']);
    const path = `${v.spec.basePath}/accounts/acc-1/transactions`;
    assert.deepEqual(
      v.checkRequest(request(path, { query: { fromBookingDateTime: '2026-11-01T00:00:00Z', page: '2' } }))
        .problems,
      [],
    );
    const unsigned = v.checkRequest(request(path, { headers: { 'x-fapi-interaction-id': ID } })).problems;
    assert.ok(
      unsigned.some((p) => /authorization/i.test(p)),
      unsigned.join('\n'),
    );
    const bad: Record<string, string>[] = [
      { fromBookingDateTime: 'yesterday' },
      { fromBookingDateTime: '2026-11-01T00:00:00' },
      { limit: '5' },
    ];
    for (const query of bad) {
      assert.ok(v.checkRequest(request(path, { query })).problems.length > 0, JSON.stringify(query));
    }
    assert.ok(v.checkRequest(request(`${v.spec.basePath}/cards`)).problems.length > 0, 'no such path');
  });

  it('catches a missing x-fapi-interaction-id, an undeclared status and an amount that is not a decimal string', async () => {
    const v = await validator('ob-3.1');
    const path = `${v.spec.basePath}/accounts/acc-1/balances`;
    const { operation } = v.checkRequest(request(path));
    assert.ok(operation);
    const text = JSON.stringify(balances('3.1'));
    const noId = v.checkResponse(operation, {
      status: 200,
      headers: { 'content-type': 'application/json' },
      text,
    });
    assert.ok(noId.some((p) => /x-fapi-interaction-id/.test(p)));
    assert.ok(checkOb(v, path, 404, { Message: 'nope' }).some((p) => /status 404 not declared/.test(p)));
    const float = balances('3.1');
    const first = float.Data.Balance[0];
    assert.ok(first);
    Reflect.set(first.Amount, 'Amount', -656.17);
    assert.ok(checkOb(v, path, 200, float).length > 0);
  });

  it('catches a Stripe card status outside the 2023-08-16 enum, in a response and in a request body', async () => {
    const spec = await loadSpec('stripe');
    const v = new SpecValidator(spec);
    const documents = stripeDocuments(spec);
    const profile: CustomerProfile = {
      id: 'alex',
      firstName: 'Alex',
      locale: 'en-US',
      timeZone: 'America/New_York',
    };
    const card: Card = {
      id: 'ic_1',
      accountId: 'acc-1',
      name: 'Visa debit',
      maskedNumber: '••4242',
      status: 'frozen',
    };
    const body = documents.card(card, profile, 'USD');
    const post = (
      form: Record<string, unknown>,
      headers: Record<string, string> = { authorization: 'Bearer sk_test_x' },
    ) =>
      v.checkRequest({
        method: 'POST',
        path: '/v1/issuing/cards/ic_1',
        query: {},
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
    const { operation, problems } = post({ status: 'inactive' });
    assert.ok(operation);
    assert.deepEqual(problems, []);
    const respond = (value: unknown) =>
      v.checkResponse(operation, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        text: JSON.stringify(value),
      });
    assert.deepEqual(respond(body), []);
    assert.ok(respond({ ...Object(body), status: 'frozen' }).some((p) => /status/.test(p)));
    assert.ok(post({ status: 'frozen' }).problems.some((p) => /status/.test(p)));
    assert.ok(post({ status: 'inactive' }, {}).problems.some((p) => /security/.test(p)));
  });

  it('counts a bad request a live server received as a violation of the exchange', async () => {
    const aspsp = await startObAspsp({ sandbox: createSandboxBank(), version: '4.0' });
    try {
      const response = await fetch(`${aspsp.baseUrl}/accounts`, { headers: { 'x-fapi-interaction-id': ID } });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('x-fapi-interaction-id'), ID);
      assert.equal(aspsp.validator.exchanges, 1);
      assert.ok(aspsp.validator.violations.some((p) => /authorization/i.test(p)));
      assert.match(aspsp.validator.summary(), /^spec violations: [1-9]\d* over 1 exchanges$/);
    } finally {
      await aspsp.close();
    }
  });
});
