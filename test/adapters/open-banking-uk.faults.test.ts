import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { MemoryStorage } from 'botbuilder-core';
import type { BreakerState } from '../../adapters/banks/http/circuit-breaker.js';
import { createSandboxBank } from '../../adapters/banks/sandbox.bank.js';
import { loadConfig } from '../../bot/config.js';
import { ERRORS } from '../../bot/errors.js';
import { createBankbot } from '../../bot/index.js';
import { silentLogger } from '../../bot/logger.js';
import { startBankServers, type BankServerOptions, type BankServers } from '../support/banks/bank-servers.js';
import { TestChannel } from '../support/test-channel.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';

const BALANCES = /^Here are your balances:\n• Everyday Checking \(••6789\): \$6,967\.37/;
const opened: { close(): Promise<void> }[] = [];

/**
 * The real bot (dialogs, NLU, engine bank guard) in front of the UK OB adapter and a fake ASPSP
 * the test can break; `say` returns the customer's messages of one turn.
 */
async function customerOverOpenBanking(http: BankServerOptions['http']) {
  const now = () => new Date(TEST_NOW);
  const servers: BankServers = await startBankServers(
    createSandboxBank({ now }),
    { accounts: 'open-banking-uk', version: '4.0' },
    { http },
  );
  const config = loadConfig({ NODE_ENV: 'test', BANK_TIMEOUT_MS: '5000' }, '/nonexistent');
  const bankbot = await createBankbot(config, silentLogger(), {
    bank: servers.bank,
    storage: new MemoryStorage(),
    recognizer: await testRecognizer(),
    now,
  });
  const channel = new TestChannel((context) => bankbot.bot.run(context), { customerId: 'alex' });
  opened.push({ close: async () => (await bankbot.close(), await servers.close()) });
  const aspsp = servers.aspsp ?? assert.fail('no ASPSP');
  return {
    aspsp,
    say: async (text: string) =>
      (await channel.say(text)).filter((a) => a.type === 'message').map((a) => a.text ?? ''),
  };
}

describe('a failing UK Open Banking bank, end to end', () => {
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.close()));
  });

  it('tells the customer plainly when the bank answers 500, 401 or 403', async () => {
    const { aspsp, say } = await customerOverOpenBanking({ breaker: { failureThreshold: 100 } });
    aspsp.setFault({ kind: 'status', status: 500 });
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_UNAVAILABLE.say]);
    aspsp.setFault({ kind: 'status', status: 401 });
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_UNAUTHORIZED.say]);
    aspsp.setFault({ kind: 'status', status: 403 });
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_FORBIDDEN.say]);
    aspsp.setFault({ kind: 'none' });
    assert.match((await say("what's my balance"))[0] ?? '', BALANCES);
  });

  it('tells the customer plainly when the bank hangs past the adapter timeout', async () => {
    const { aspsp, say } = await customerOverOpenBanking({
      timeoutMs: 150,
      breaker: { failureThreshold: 100 },
    });
    aspsp.setFault({ kind: 'hang' });
    assert.deepEqual(await say('checking balance'), [ERRORS.BANK_ERR_UNAVAILABLE.say]);
  });

  it('waits out a short Retry-After unnoticed, and says the bank is busy when it stays busy', async () => {
    const waits: number[] = [];
    const { aspsp, say } = await customerOverOpenBanking({
      sleep: async (ms) => void waits.push(ms),
      rateLimit: { maxRetries: 1, maxWaitSeconds: 2 },
    });
    await say('hello'); // the profile is read once per conversation; keep it out of the counts below
    aspsp.setFault({ kind: 'rate-limit', retryAfterSeconds: 2, times: 1 });
    assert.match((await say("what's my balance"))[0] ?? '', BALANCES);
    assert.deepEqual(waits, [2000]);
    aspsp.setFault({ kind: 'rate-limit', retryAfterSeconds: 1 });
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_RATE_LIMITED.say]);
    aspsp.setFault({ kind: 'rate-limit', retryAfterSeconds: 600 });
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_RATE_LIMITED.say]);
    assert.deepEqual(waits, [2000, 1000], 'a 600 s Retry-After is reported, not waited out');
  });

  it('opens the breaker on repeated failures, fails fast while open, and closes once the probe succeeds', async () => {
    const clock = { now: Date.parse(TEST_NOW) };
    const states: BreakerState[] = [];
    const { aspsp, say } = await customerOverOpenBanking({
      breaker: {
        failureThreshold: 3,
        openMs: 60_000,
        now: () => clock.now,
        onStateChange: (s) => states.push(s),
      },
    });
    aspsp.setFault({ kind: 'status', status: 500 });
    for (let turn = 0; turn < 3; turn++) {
      assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_UNAVAILABLE.say]);
    }
    assert.deepEqual(states, ['open']);
    aspsp.setFault({ kind: 'none' });
    const before = aspsp.received().length;
    assert.deepEqual(await say("what's my balance"), [ERRORS.BANK_ERR_UNAVAILABLE.say]);
    assert.equal(aspsp.received().length, before, 'the open breaker kept the call from the bank');
    clock.now += 60_000;
    assert.match((await say("what's my balance"))[0] ?? '', BALANCES);
    assert.deepEqual(states, ['open', 'half-open', 'closed']);
    assert.ok(aspsp.received().length > before);
  });
});
