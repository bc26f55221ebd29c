import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REDACTED, REDACTED_KEYS, scrubAll, scrubObject, scrubText } from '../../bot/log-scrub.js';
import { isoTime } from '../../bot/logger.js';
import { captureLogs } from '../support/log-capture.js';

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

  it("keeps a channel's request id whole, so a line can be found in the platform's logs", () => {
    const requestId = 'amzn1.echo-api.request.1a2b3c4d-0000-1111-2222-333344445555';
    const event = { event: 'alexa.request', type: 'IntentRequest', requestId };
    assert.deepEqual(scrubObject(event), event);
    assert.notEqual((scrubObject({ note: requestId }) as { note: string }).note, requestId);
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
    const { lines, logger } = captureLogs();
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
  it('skips the pattern chain only for strings no pattern can change', () => {
    // Characters and fragments the patterns are made of, so generated strings often come close.
    const pieces = [
      ...'0123456789 -.,+()$£€¥@_%/=~:'.split(''),
      ...'abcdefxyzABCDEFGHXYZ'.split(''),
      'Bearer ',
      'basic ',
      'BEARER\t',
      'bAsIc ',
      'eyJ',
      'sk_live_',
      'rk_test_',
      'EAA',
      'v1.',
      'USD',
      'gbp',
      'Eur',
      'dollars',
      'pounds',
      'euro',
      'GB82',
      '.com',
      'example',
      'aBcDeFgHiJkLmNoPqRsTuV',
    ];
    const fragments = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
    const lettersOnly = fc
      .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-. '.split('')), {
        maxLength: 60,
      })
      .map((chars) => chars.join(''));
    const arbitrary = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(fc.oneof(fragments, lettersOnly, arbitrary), (text) => {
        assert.equal(scrubText(text), scrubAll(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('still runs the chain for token prefixes without a digit, in any case', () => {
    for (const [line, secret] of [
      ['auth bearer abcdefghijkl', 'abcdefghijkl'],
      ['auth BASIC abcdefghijkl', 'abcdefghijkl'],
      ['jwt eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl', 'eyJhbGciOi'],
      ['key rk_test_abcdefghij', 'rk_test_abcdefghij'],
      ['page EAABsbCSiHgBAKZCZBkZAZBabc', 'EAABsbCSiHgBAKZCZBkZAZBabc'],
    ] as const) {
      assert.equal(scrubText(line), scrubAll(line));
      assert.ok(!scrubText(line).includes(secret), line);
    }
    assert.equal(
      scrubText('alexa.request balance.check begin:balance'),
      'alexa.request balance.check begin:balance',
    );
  });

  it('censors the redacted keys at any depth, whatever their value', () => {
    const logged = {
      event: 'oops',
      text: 'Your balance is 12',
      value: 42,
      nested: { amount: { minor: 1234, currency: 'USD' }, speak: '<speak>hi</speak>', ok: 'fine' },
      headers: { authorization: 'Basic abc' },
      req: { headers: { authorization: 'Bearer abc' } },
      deep: { a: { b: { c: { token: 'x', balance: 7 } } } },
      list: [{ accessToken: 'abc' }, 'plain'],
      status: { text: 'said' },
      missing: undefined,
      token: undefined,
    };
    assert.deepEqual(scrubObject(logged), {
      event: 'oops',
      text: REDACTED,
      value: REDACTED,
      nested: { amount: REDACTED, speak: REDACTED, ok: 'fine' },
      headers: { authorization: REDACTED },
      req: { headers: { authorization: REDACTED } },
      deep: { a: { b: { c: { token: REDACTED, balance: REDACTED } } } },
      list: [{ accessToken: REDACTED }, 'plain'],
      status: { text: REDACTED },
      missing: undefined,
      token: undefined,
    });
  });

  it('returns the very object when nothing changes, and copies only what does', () => {
    const clean = { event: 'turn', channel: 'alexa', score: 0.9, list: ['a', { b: 'c' }], at: { d: true } };
    assert.equal(scrubObject(clean), clean);
    const dirty = { event: 'turn', at: { d: true }, note: 'acct 99887766' };
    const scrubbed = scrubObject(dirty) as typeof dirty;
    assert.notEqual(scrubbed, dirty);
    assert.equal(scrubbed.at, dirty.at);
    assert.equal(dirty.note, 'acct 99887766', 'the caller’s object is left alone');
    assert.deepEqual(scrubbed, { event: 'turn', at: { d: true }, note: 'acct [number]' });
    // Errors, dates and class instances are copied to a plain object of their own fields, as before.
    const error = Object.assign(new Error('card 4000001234567899'), { code: 'E_X' });
    assert.deepEqual(scrubObject({ err: error }), { err: { code: 'E_X' } });
  });

  it('gives the same result as copying every object (the reference) on varied log objects', () => {
    const SAFE = ['time', 'status', 'customerId', 'score', 'ms'];
    const key = fc.oneof(
      fc.constantFrom(...REDACTED_KEYS, ...SAFE, 'event', 'note', 'list'),
      fc.string().filter((k) => k !== '__proto__'),
    );
    const leaf = fc.oneof(
      fc.string(),
      fc.constantFrom('acct 99887766', 'balance $12.50', 'a@b.co', 'balance.check', '2400000000000001'),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
      array: fc.array(tie('value'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(value, (logged) => {
        // Compared as the JSON pino writes (fast-check also makes null-prototype objects).
        assert.equal(JSON.stringify(scrubObject(logged)), JSON.stringify(reference(logged, 0)));
      }),
      { numRuns: 2000 },
    );

    function reference(item: unknown, depth: number): unknown {
      if (typeof item === 'string') return scrubAll(item);
      if (depth > 6 || item === null || typeof item !== 'object') return item;
      if (Array.isArray(item)) return item.map((entry) => reference(entry, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item)) {
        if (REDACTED_KEYS.has(k)) out[k] = depth === 0 && v === undefined ? v : REDACTED;
        else if (SAFE.includes(k) && (v === null || typeof v !== 'object')) out[k] = v;
        else out[k] = reference(v, depth + 1);
      }
      return out;
    }
  });

  it('writes ISO times, as pino.stdTimeFunctions.isoTime does', () => {
    const iso = (ms: number) => `,"time":"${new Date(ms).toISOString()}"`;
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }), (ms) => {
        assert.equal(isoTime(ms), iso(ms));
      }),
      { numRuns: 5000 },
    );
    // Consecutive milliseconds across second, minute and day boundaries (the per-second cache).
    for (const start of [Date.UTC(2026, 10, 21, 23, 59, 59, 990), -1005, 0]) {
      for (let ms = start; ms < start + 30; ms += 1) assert.equal(isoTime(ms), iso(ms));
    }
    assert.equal(isoTime().length, iso(Date.now()).length);
  });

  it('censors fields in what the logger writes and keeps lines JSON with an ISO time', () => {
    const { lines, logger } = captureLogs();
    logger.info(
      { event: 'reply', text: 'hello', nested: { value: 12, inner: { token: 'abc' } } },
      'sent to %s with %s',
      'alex@example.com',
      'balance.check',
    );
    const line = JSON.parse(lines.join('')) as Record<string, unknown>;
    assert.match(String(line.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line.text, REDACTED);
    assert.deepEqual(line.nested, { value: REDACTED, inner: { token: REDACTED } });
    assert.equal(line.msg, 'sent to [email] with balance.check');
    assert.equal(line.service, 'bankbot');
  });
  it("scrubs a logged Error's message and stack, which pino would otherwise copy into msg as is", () => {
    const { lines, logger } = captureLogs();
    class BankFault extends Error {
      code = 'BANK_ERR_UNAVAILABLE';
    }
    const leaky = 'card 4111 1111 1111 1111 for bob@example.com, balance $1,234.56';
    logger.error({ event: 'http.error', err: new BankFault(leaky) });
    logger.error(new TypeError(leaky));
    logger.warn({ event: 'x', error: new Error(leaky) }, 'failed');
    assert.equal(lines.length, 3);
    for (const line of lines) {
      for (const secret of ['4111', 'bob@example.com', '1,234.56']) assert.ok(!line.includes(secret), line);
    }
    const [first, second, third] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      { ...(first?.err as Record<string, unknown>), stack: undefined },
      {
        type: 'Error',
        code: 'BANK_ERR_UNAVAILABLE',
        message: 'card [card] for [email], balance [amount]',
        stack: undefined,
      },
    );
    assert.match(String((first?.err as { stack: string }).stack), /^Error: card \[card\] for \[email\]/);
    assert.equal((second?.err as { type: string }).type, 'TypeError');
    assert.equal((third?.error as { message: string }).message, 'card [card] for [email], balance [amount]');
    assert.equal(third?.msg, 'failed');
  });

  it('writes every buffered line to its file descriptor by the time the process ends', () => {
    const logger = new URL('../../bot/logger.ts', import.meta.url).href;
    for (const ending of ['', 'process.exit(0);']) {
      const script = `import { createLogger } from ${JSON.stringify(logger)};
        const log = createLogger({ level: 'info' });
        for (let i = 0; i < 50; i += 1) log.info({ event: 'line', i, note: 'acct 99887766' });
        ${ending}`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      const lines = child.stderr
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      // All of them; at process.exit the last batch can land before one still in flight.
      assert.deepEqual(
        lines.map((line) => line.i).sort((a, b) => Number(a) - Number(b)),
        Array.from({ length: 50 }, (_, i) => i),
      );
      assert.ok(lines.every((line) => line.note === 'acct [number]'));
    }
  });
});
