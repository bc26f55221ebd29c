import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scrubObject, scrubText } from '../../bot/log-scrub.js';
import { createLogger } from '../../bot/logger.js';

const SECRETS = [
  ['card (Luhn)', 'card 4000001234567899 used', '4000001234567899'],
  ['card with spaces', 'pan 4000 0012 3456 7899', '4000 0012 3456 7899'],
  ['account number', 'acct 99887766', '99887766'],
  ['balance', 'balance 123456.78', '123456.78'],
  ['balance with separators', 'balance 123,456.78', '123,456.78'],
  ['minor units', 'minor 12345678', '12345678'],
  ['dollars', 'paid $42.10 today', '42.10'],
  ['pounds', 'paid £5.33', '5.33'],
  ['currency code', 'amount USD 980', '980'],
  ['iban', 'to GB82WEST12345698765432', 'GB82WEST12345698765432'],
  ['email', 'from alex@example.com', 'alex@example.com'],
  ['phone', 'call +44 20 7946 0958', '7946 0958'],
  ['bearer', 'Authorization: Bearer abc.DEF-123_456', 'abc.DEF-123_456'],
  ['jwt', 'token eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', 'eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl'],
  ['stripe key', 'key sk_live_51HxAbCdEfGhIjKl was refused', 'sk_live_51HxAbCdEfGhIjKl'],
  ['meta page token', 'page EAABsbCS1iHgBAKZCZBk5ZA9ZAZB0 expired', 'EAABsbCS1iHgBAKZCZBk5ZA9ZAZB0'],
  [
    'sealed token',
    'link v1.k1.AAECAwQFBgcICQoL.bWFkZS11cC10b2tlbg.AAECAwQFBgcICQoLDA0ODw stored',
    'bWFkZS11cC10b2tlbg',
  ],
] as const;

describe('log scrubbing', () => {
  for (const [what, line, secret] of SECRETS) {
    it(`removes a ${what}`, () => {
      const scrubbed = scrubText(line);
      assert.ok(!scrubbed.includes(secret), `${JSON.stringify(line)} became ${JSON.stringify(scrubbed)}`);
    });
  }

  it('keeps codes, event names and short numbers', () => {
    assert.equal(
      scrubText('BANK_ERR_UNAVAILABLE on turn.failed attempt 2'),
      'BANK_ERR_UNAVAILABLE on turn.failed attempt 2',
    );
    assert.deepEqual(
      scrubObject({ event: 'turn', intent: 'balance.check', ms: 12, time: '2026-11-21T15:00:00.000Z' }),
      {
        event: 'turn',
        intent: 'balance.check',
        ms: 12,
        time: '2026-11-21T15:00:00.000Z',
      },
    );
  });

  it('keeps customer and conversation ids, which audit events carry (a Messenger PSID is a long number)', () => {
    const event = { event: 'disclosure', customerId: '4001200300', conversationId: '2400000000000001' };
    assert.deepEqual(scrubObject(event), event);
    assert.equal((scrubObject({ note: '2400000000000001' }) as { note: string }).note, '[number]');
  });

  it('never throws and never lets a Luhn-valid 16-digit card through', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }),
        (a, b, body) => {
          let sum = 0;
          body.forEach((d, i) => {
            const x = (body.length - i) % 2 === 1 ? d * 2 : d;
            sum += x > 9 ? x - 9 : x;
          });
          const card = `${body.join('')}${(10 - (sum % 10)) % 10}`;
          assert.ok(!scrubText(`${a} ${card} ${b}`).includes(card));
        },
      ),
    );
  });

  it('scrubs what the logger writes, in messages and fields', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination: sink });
    logger.info({
      event: 'oops',
      detail: 'balance 123456.78 on 99887766',
      nested: { note: 'card 4000001234567899' },
    });
    logger.warn('plain message with alex@example.com');
    const all = lines.join('');
    for (const secret of ['123456.78', '99887766', '4000001234567899', 'alex@example.com'])
      assert.ok(!all.includes(secret), secret);
    assert.match(all, /"event":"oops"/);
  });
});
