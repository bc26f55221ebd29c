import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { runBankContract } from '../contracts/bank.contract.js';
import { sandboxStepUpCode } from '../support/banks/sandbox-codes.js';
import { SETUP_NAMES, SpecTally, startBankServers } from '../support/banks/bank-servers.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const now = () => NOW;
const tally = new SpecTally();

// The shared BankPort contract, unchanged, with every card operation (list, freeze, review,
// dispute) going to a fake Stripe Issuing API checked against Stripe's 2023-08-16 file; accounts
// come from the sandbox itself, which the fake Stripe shares.
for (const fixture of builtInCustomers(NOW, 1)) {
  const id = fixture.profile.id;
  runBankContract(`${SETUP_NAMES.stripe} cards + sandbox accounts (${id})`, async () => {
    const sandbox = createSandboxBank({ now });
    const servers = await startBankServers(sandbox, { accounts: 'sandbox' }, { tally });
    return {
      bank: servers.bank,
      customer: { customerId: id },
      unknownCustomer: { customerId: 'nobody' },
      accessToken: sandboxAccessToken(id),
      sensitiveNumbers: [...fixture.accounts, ...fixture.cards].map((item) => item.number),
      stepUpCode: sandboxStepUpCode(sandbox, fixture),
      teardown: () => servers.close(),
    };
  });
}

describe('Stripe Issuing contract run against the official specification', () => {
  it('has no spec violation in any request or response', () => {
    for (const line of tally.lines()) console.log(`contract suite, ${line}`);
    assert.deepEqual(tally.violations().slice(0, 5), []);
    assert.ok(tally.exchanges(SETUP_NAMES.stripe) > 0);
  });
});
