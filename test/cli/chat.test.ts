import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { escapeRegExp } from '../../adapters/channels/alexa/sample-utterance.js';
import { alexCheckingSpoken } from '../support/sandbox-today.js';

/** Pipes one message into `bankbot chat` as the sandbox customer alex. */
function chat(channel: string, message: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['bot/cli/bankbot.js', 'chat', '--channel', channel], {
    input: `${message}\n`,
    encoding: 'utf8',
    env: { ...process.env, BANK: 'sandbox', REDIS_URL: '', PORT: '0' },
  });
  return { status: result.status, stdout: result.stdout };
}

describe('bankbot chat', () => {
  it('shows Alexa speech, SSML, card and session state', () => {
    const { status, stdout } = chat('alexa', 'what can you do');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^🔊 I can help with balances/m);
    assert.match(stdout, /^ {3}ssml: <speak>.*<\/speak>$/m);
    assert.match(stdout, /^ {3}card "Your bank": I can help with balances/m);
    assert.match(stdout, /^ {3}session: stays open$/m);
  });

  it("applies Alexa's disclosure policy: the voice PIN before a balance is spoken", async () => {
    const { status, stdout } = chat('alexa', "what's my checking balance\n2468");
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^🔊 For your security, I need your voice PIN before I read out amounts\./m);
    const spoken = escapeRegExp(await alexCheckingSpoken());
    assert.match(stdout, new RegExp(`^🔊 Your Everyday Checking, ending in 6789, balance is ${spoken}`, 'm'));
  });

  it('shows Messenger bubbles with their quick replies', () => {
    const { status, stdout } = chat('messenger', 'what can you do');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^💬 I can help with balances/m);
    assert.match(stdout, /^ {3}quick replies: \(What's my balance\?\) \(Recent transactions\)/m);
  });

  it('shows Google display text and suggestion chips', () => {
    const { status, stdout } = chat('google', 'what can you do');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^💬 I can help with balances/m);
    assert.match(stdout, /^ {3}suggestions: \(/m);
    assert.match(stdout, /^ {3}microphone: open$/m);
  });

  it('prints plain text on the console channel', () => {
    const { status, stdout } = chat('console', 'what can you do');
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^I can help with balances/m);
    assert.match(stdout, /^ {2}\[What's my balance\?\]/m);
  });
});
