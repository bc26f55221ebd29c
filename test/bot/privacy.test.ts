import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStorage } from 'botbuilder-core';
import { createMemoryConsentLedger } from '../../adapters/storage/memory.consent-ledger.js';
import { createMemoryCustomerIndex } from '../../adapters/storage/memory.customer-index.js';
import { createSandboxBank, sandboxAccessToken } from '../../adapters/banks/sandbox.bank.js';
import { createIdentity } from '../../bot/identity.js';
import { silentLogger } from '../../bot/logger.js';
import { isGranted } from '../../bot/ports/consent.port.js';
import { categoriesIn, channelIn, consentActions } from '../../bot/privacy/consent-words.js';
import { createEraser } from '../../bot/privacy/eraser.js';
import { pendingRequest, restoredRequest } from '../../bot/privacy/pending-request.js';
import { createPseudonym } from '../../bot/privacy/pseudonym.js';
import type { Recognition } from '../../bot/recognition.js';
import { TEST_NOW, testRecognizer } from '../support/test-bot.js';

const pseudonym = createPseudonym('unit-test-pseudonym-key-0123456789abcdef');
const now = new Date(TEST_NOW);

async function recognise(text: string, locale = 'en-US'): Promise<Recognition> {
  return (await testRecognizer()).recognize(text, { locale, timeZone: 'America/New_York', now });
}

describe('a request kept while consent is asked', () => {
  it('keeps requests made only of request words and dates, whole', async () => {
    for (const text of [
      'show my recent transactions',
      "what's my savings balance",
      'what did I spend last month',
    ]) {
      const recognition = await recognise(text);
      const kept = pendingRequest(recognition);
      assert.equal(kept.complete, true, text);
      assert.deepEqual(
        restoredRequest(kept),
        { ...recognition, intents: [{ intent: recognition.intent, score: recognition.score }] },
        text,
      );
    }
  });

  it('keeps only the intent when the request names an amount, a merchant or a number', async () => {
    for (const text of [
      'how much did I spend at Starbucks',
      'show payments over $100',
      'what is this 42.10 charge',
      'el saldo de la cuenta 4821',
    ]) {
      const kept = pendingRequest(await recognise(text, text.startsWith('el') ? 'es-ES' : 'en-US'));
      assert.equal(kept.complete, false, text);
      assert.deepEqual(Object.keys(kept).sort(), ['complete', 'intent', 'locale', 'score'], text);
      assert.equal(restoredRequest(kept), undefined);
    }
  });
});

describe('consent words', () => {
  it('finds categories and channels in English and Spanish', () => {
    assert.deepEqual(categoriesIn('stop sending me fraud alerts'), ['alerts']);
    assert.deepEqual(categoriesIn("don't show my balance or transactions"), ['balances', 'transactions']);
    assert.deepEqual(categoriesIn('no me envíes más notificaciones'), ['alerts']);
    assert.deepEqual(categoriesIn('stop sharing everything'), ['balances', 'transactions', 'alerts']);
    assert.deepEqual(categoriesIn('stop it'), []);
    assert.equal(channelIn('stop showing my balance on Alexa'), 'alexa');
    assert.equal(channelIn('stop showing my balance here'), undefined);
    assert.equal(
      consentActions(['balances', 'transactions', 'alerts'], 'or'),
      'show your balances and transactions or send you alerts',
    );
  });
});

describe('account links and forget-me', () => {
  const setup = () => {
    const storage = new MemoryStorage();
    const ledger = createMemoryConsentLedger({ pseudonym });
    const index = createMemoryCustomerIndex({ retentionMs: 60_000 });
    const eraser = createEraser({ index, logger: silentLogger(), pseudonym });
    const bank = createSandboxBank({ now: () => now });
    const identity = createIdentity({
      storage,
      bank,
      logger: silentLogger(),
      consent: ledger,
      index,
      customerData: eraser,
      now: () => now,
    });
    return { storage, ledger, index, eraser, identity };
  };
  const psid = { channelId: 'messenger', userId: '9001' };

  it('records consent when an account is linked and withdraws it when unlinked, listing the channel user meanwhile', async () => {
    const { ledger, index, identity } = setup();
    await identity.link(psid, 'alex');
    const snapshot = await ledger.get('alex');
    assert.deepEqual(snapshot.decisions.map((d) => [d.category, d.granted, d.source]).sort(), [
      ['balances', true, 'account-link'],
      ['transactions', true, 'account-link'],
    ]);
    assert.equal(isGranted(snapshot, 'messenger', 'alerts'), false);
    assert.deepEqual((await index.list('alex')).channelUsers, [psid]);
    await ledger.grant('alex', {
      channelId: 'messenger',
      categories: ['alerts'],
      source: 'conversation',
      at: now,
    });
    await identity.unlink(psid);
    assert.deepEqual((await index.list('alex')).channelUsers, []);
    const unlinked = await ledger.get('alex');
    assert.deepEqual(unlinked.decisions.map((d) => [d.category, d.granted, d.source]).sort(), [
      ['alerts', false, 'account-link'],
      ['balances', false, 'account-link'],
      ['transactions', false, 'account-link'],
    ]);
    assert.equal(await identity.resolve(psid), undefined);
  });

  it('does not delete a link that now belongs to someone else', async () => {
    const { identity, eraser } = setup();
    await identity.link(psid, 'alex');
    await identity.link(psid, 'sam');
    const report = await eraser.eraseCustomer('alex', now);
    assert.equal(report.deleted['account-links'], 0);
    assert.deepEqual(await identity.resolve(psid), { customerId: 'sam' });
  });

  it('keeps the index when an eraser fails, so running it again finds what is left', async () => {
    const { identity, eraser, index } = setup();
    await identity.link(psid, 'alex');
    let fail = true;
    eraser.registerCustomerData('flaky', async () => {
      if (fail) throw Object.assign(new Error('down'), { code: 'STORAGE_ERR_UNAVAILABLE' });
      return 1;
    });
    await assert.rejects(eraser.eraseCustomer('alex', now), /down/);
    assert.equal((await index.list('alex')).channelUsers.length, 1);
    fail = false;
    const report = await eraser.eraseCustomer('alex', now);
    assert.deepEqual(report.deleted, { 'account-links': 0, flaky: 1, index: 1 });
    assert.equal(report.total, 2);
    assert.deepEqual(await index.list('alex'), { conversations: [], channelUsers: [] });
    assert.throws(() => eraser.registerCustomerData('flaky', async () => 0), /registered twice/);
  });

  it('resolves a linked token as before', async () => {
    const { identity } = setup();
    assert.deepEqual(
      await identity.resolve({ channelId: 'alexa', userId: 'u', accessToken: sandboxAccessToken('sam') }),
      {
        customerId: 'sam',
        accessToken: sandboxAccessToken('sam'),
      },
    );
  });
});
