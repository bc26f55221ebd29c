import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { builtInCustomers } from '../../adapters/banks/sandbox/customers.js';
import { runBankContract } from '../contracts/bank.contract.js';
import { SETUP_NAMES, SpecTally, startBankServers } from '../support/banks/bank-servers.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const now = () => NOW;
const tally = new SpecTally();

// The shared BankPort contract, unchanged, against the UK OB adapter (cards from Stripe Issuing,
// which the standard lacks) talking to fake ASPSPs checked against the official v3.1.11 and v4.0 files.
for (const version of ['3.1', '4.0'] as const) {
  for (const fixture of builtInCustomers(NOW, 1)) {
    const id = fixture.profile.id;
    runBankContract(`${SETUP_NAMES[version]} + Stripe Issuing (${id})`, async () => {
      const numbers = Object.fromEntries(fixture.accounts.map((a) => [a.id, a.number]));
      const servers = await startBankServers(
        createSandboxBank({ now }),
        { accounts: 'open-banking-uk', version },
        { tally, numbers, stripeLabel: `${SETUP_NAMES.stripe} (cards beside UK OB)` },
      );
      return {
        bank: servers.bank,
        customer: { customerId: id, accessToken: sandboxAccessToken(id) },
        unknownCustomer: { customerId: 'nobody', accessToken: sandboxAccessToken('nobody') },
        accessToken: sandboxAccessToken(id),
        sensitiveNumbers: [...fixture.accounts, ...fixture.cards].map((item) => item.number),
        teardown: () => servers.close(),
      };
    });
  }
}

describe('UK Open Banking contract run against the official specifications', () => {
  it('has no spec violation in any request or response', () => {
    for (const line of tally.lines()) console.log(`contract suite, ${line}`);
    assert.deepEqual(tally.violations().slice(0, 5), []);
    assert.ok(tally.exchanges(SETUP_NAMES['3.1']) > 0 && tally.exchanges(SETUP_NAMES['4.0']) > 0);
  });
});
