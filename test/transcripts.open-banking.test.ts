import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SETUP_NAMES, SpecTally } from './support/banks/bank-servers.js';
import { specBankHarness } from './support/banks/spec-bank.harness.js';
import { consoleHarness } from './support/drivers/console.driver.js';
import { loadTranscript, playConversation, playsOn } from './support/transcript.js';

const DIR = 'test/transcripts';
const tally = new SpecTally();

// Every transcript, unchanged, through the UK Open Banking adapter (accounts) and the Stripe
// Issuing adapter (cards) over HTTP to fake servers checked against the official specifications.
for (const version of ['3.1', '4.0'] as const) {
  const bank = specBankHarness(SETUP_NAMES[version], { accounts: 'open-banking-uk', version }, { tally });
  for (const name of readdirSync(DIR)
    .filter((f) => f.endsWith('.transcript.yml'))
    .sort()) {
    const transcript = loadTranscript(join(DIR, name));
    describe(`${SETUP_NAMES[version]} + Stripe Issuing, console: ${name}`, () => {
      for (const conversation of transcript.conversations.filter((c) => playsOn(c, 'console'))) {
        it(conversation.name, () => playConversation(conversation, consoleHarness, bank));
      }
    });
  }
}

describe('transcript suite against the official specifications', () => {
  it('has no spec violation in any request or response', () => {
    for (const line of tally.lines()) console.log(`transcript suite, ${line}`);
    assert.deepEqual(tally.violations().slice(0, 5), []);
    assert.ok(tally.exchanges(SETUP_NAMES['3.1']) > 0 && tally.exchanges(SETUP_NAMES['4.0']) > 0);
  });
});
