import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../bot/config.js';
import { createTokenCipher, TokenCipherError } from '../../bot/crypto/token-cipher.js';
import { parseTokenKeys } from '../../bot/crypto/token-keys.js';
import { errorCode } from '../../bot/errors.js';

const key = (): string => randomBytes(32).toString('base64');
const [K1, K2] = [key(), key()];
const CONTEXT = 'links/messenger/4242';
const TOKEN = 'eyJhbGciOiJQUzI1NiJ9.access-token-of-a-psu.sig';
const B64URL = /^[A-Za-z0-9_-]+$/;

const unreadable = (error: unknown): boolean =>
  error instanceof TokenCipherError && errorCode(error) === 'TOKEN_ERR_UNREADABLE';

describe('token cipher', () => {
  const cipher = createTokenCipher(parseTokenKeys(`k1:${K1}`));

  it('round-trips any text, bound to its context', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 500 }),
        fc.string({ maxLength: 80 }),
        (text, context) => {
          const { plaintext, stale } = cipher.open(cipher.seal(text, context), context);
          assert.equal(plaintext, text);
          assert.equal(stale, false);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('writes v1.<kid>.<iv>.<ciphertext>.<tag> in base64url, with a fresh 96-bit IV every time', () => {
    const [a, b] = [cipher.seal(TOKEN, CONTEXT), cipher.seal(TOKEN, CONTEXT)];
    assert.notEqual(a, b);
    const [version, kid, iv, body, tag, ...rest] = a.split('.');
    assert.deepEqual([version, kid, rest.length], ['v1', 'k1', 0]);
    for (const part of [iv, body, tag]) assert.match(part ?? '', B64URL);
    assert.equal(Buffer.from(iv ?? '', 'base64url').length, 12);
    assert.equal(Buffer.from(tag ?? '', 'base64url').length, 16);
    assert.ok(!a.includes(TOKEN) && !a.includes(Buffer.from(TOKEN).toString('base64url')));
  });

  it('refuses a sealed token with any character changed', () => {
    const sealed = cipher.seal(TOKEN, CONTEXT);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(fc.nat(sealed.length - 1), fc.nat(alphabet.length - 1), (at, pick) => {
        const replacement =
          alphabet[pick] === sealed[at] ? alphabet[(pick + 1) % alphabet.length] : alphabet[pick];
        const tampered = `${sealed.slice(0, at)}${replacement}${sealed.slice(at + 1)}`;
        assert.throws(() => cipher.open(tampered, CONTEXT), unreadable);
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('refuses a flipped bit in the ciphertext, another context, a wrong key and an unknown key id', () => {
    const sealed = cipher.seal(TOKEN, CONTEXT);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const flipped = [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.');
    assert.throws(() => cipher.open(flipped, CONTEXT), unreadable);
    assert.throws(() => cipher.open(sealed, 'links/messenger/other'), unreadable);
    assert.throws(() => createTokenCipher(parseTokenKeys(`k1:${K2}`)).open(sealed, CONTEXT), unreadable);
    assert.throws(() => createTokenCipher(parseTokenKeys(`k2:${K2}`)).open(sealed, CONTEXT), unreadable);
    for (const junk of ['', TOKEN, 'v1.k1', 'v2.k1.a.b.c', `${sealed}.x`]) {
      assert.throws(() => cipher.open(junk, CONTEXT), unreadable, junk);
    }
  });

  it('rotates: a new current key seals, the old one still opens and marks the token stale', () => {
    const old = cipher.seal(TOKEN, CONTEXT);
    const rotated = createTokenCipher(parseTokenKeys(`k2:${K2},k1:${K1}`));
    assert.deepEqual(rotated.open(old, CONTEXT), { plaintext: TOKEN, stale: true });
    const resealed = rotated.seal(TOKEN, CONTEXT);
    assert.ok(resealed.startsWith('v1.k2.'));
    assert.deepEqual(rotated.open(resealed, CONTEXT), { plaintext: TOKEN, stale: false });
    const retired = createTokenCipher(parseTokenKeys(`k2:${K2}`));
    assert.equal(retired.open(resealed, CONTEXT).plaintext, TOKEN);
    assert.throws(() => retired.open(old, CONTEXT), unreadable);
  });
});

describe('token keys', () => {
  it('takes the first key as current and accepts base64 and base64url', () => {
    const url = randomBytes(32).toString('base64url');
    const ring = parseTokenKeys(` k2:${K2} , k1:${url}`);
    assert.equal(ring.current, 'k2');
    assert.deepEqual([...ring.keys.keys()], ['k2', 'k1']);
    assert.equal(ring.keys.get('k1')?.toString('base64url'), url);
  });

  for (const [label, spec, message] of [
    ['a key without an id', K1, /key 1: expected "<key id>:<base64 key>"/],
    ['a key id with a dot', `bad.kid:${K1}`, /key 1: expected/],
    ['a key id given twice', `k1:${K1},k1:${K2}`, /key 2: key id "k1" appears twice/],
    ['a 128-bit key', `k1:${randomBytes(16).toString('base64')}`, /key "k1": must be 32 bytes of base64/],
    ['a key that is not base64', 'k1:not base64 at all!', /key "k1": must be 32 bytes/],
  ] as const) {
    it(`refuses ${label}, naming the problem and never the key`, () => {
      assert.throws(
        () => parseTokenKeys(spec),
        (error: Error) => {
          assert.match(error.message, message);
          assert.ok(!error.message.includes(K1) && !error.message.includes(K2), 'no key in the message');
          return true;
        },
      );
    });
  }
});

describe('TOKEN_ENCRYPTION_KEYS setting', () => {
  const MESSENGER = {
    MESSENGER_APP_SECRET: 'app-secret-123',
    MESSENGER_VERIFY_TOKEN: 'verify-token-123',
    MESSENGER_PAGE_TOKEN: 'page-token-123',
  };
  const OPEN_BANKING = { BANK: 'open-banking-uk', OPEN_BANKING_BASE_URL: 'https://ob.bank.example/aisp' };
  const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env }, '/nonexistent');

  it('is required only when Messenger links must keep a bank token', () => {
    assert.throws(
      () => load({ ...MESSENGER, ...OPEN_BANKING }),
      /Invalid setting TOKEN_ENCRYPTION_KEYS: required when Messenger is configured with BANK=open-banking-uk/,
    );
    assert.equal(load({ ...MESSENGER }).TOKEN_ENCRYPTION_KEYS, undefined);
    assert.equal(load({ ...OPEN_BANKING }).TOKEN_ENCRYPTION_KEYS, undefined);
    assert.equal(
      load({ ...MESSENGER, ...OPEN_BANKING, TOKEN_ENCRYPTION_KEYS: `k1:${K1}` }).BANK,
      'open-banking-uk',
    );
  });

  it('stops startup with one line naming the setting, never the key', () => {
    const short = randomBytes(31).toString('base64');
    assert.throws(
      () => load({ TOKEN_ENCRYPTION_KEYS: `k1:${short}` }),
      (error: Error) =>
        error.message === 'Invalid setting TOKEN_ENCRYPTION_KEYS: key "k1": must be 32 bytes of base64' &&
        !error.message.includes(short),
    );
  });
});
