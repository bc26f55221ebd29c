import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../bot/config.js';

describe('loadConfig', () => {
  it('defaults PORT to 3978 and the bank to the sandbox', () => {
    const config = loadConfig({}, '/nonexistent');
    assert.equal(config.PORT, 3978);
    assert.equal(config.BANK, 'sandbox');
    assert.ok(Object.isFrozen(config));
  });

  it('stops on a wrong setting with one line naming it', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }, '/nonexistent'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^Invalid setting PORT: /);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      },
    );
    assert.throws(() => loadConfig({ REDIS_URL: 'localhost:6379' }, '/nonexistent'), /REDIS_URL/);
    assert.throws(
      () => loadConfig({ DEFAULT_TIME_ZONE: 'Mars/Olympus' }, '/nonexistent'),
      /DEFAULT_TIME_ZONE/,
    );
  });

  it('names the setting a chosen bank adapter still needs', () => {
    assert.throws(
      () => loadConfig({ BANK: 'composite', STRIPE_API_KEY: 'sk_test_abc' }, '/nonexistent'),
      /^.*OPEN_BANKING_BASE_URL: required when BANK=composite$/,
    );
    assert.throws(
      () => loadConfig({ BANK: 'stripe-issuing' }, '/nonexistent'),
      /STRIPE_API_KEY: required when BANK=stripe-issuing/,
    );
    assert.throws(
      () => loadConfig({ BANK: 'stripe-issuing', STRIPE_API_KEY: 'not-a-key' }, '/nonexistent'),
      /STRIPE_API_KEY/,
    );
    const ok = loadConfig(
      { BANK: 'open-banking-uk', OPEN_BANKING_BASE_URL: 'https://api.bank.example/open-banking/v4.0/aisp' },
      '/nonexistent',
    );
    assert.equal(ok.OPEN_BANKING_VERSION, '4.0');
  });

  it('reads .env and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bankbot-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nSANDBOX_CUSTOMER=sam\n');
    const config = loadConfig({ PORT: '5000' }, file);
    assert.equal(config.PORT, 5000);
    assert.equal(config.SANDBOX_CUSTOMER, 'sam');
  });
});
