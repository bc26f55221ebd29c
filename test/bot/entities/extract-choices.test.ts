import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities, warmUpEntities } from '../../../bot/entities/extract.js';
import type { Entities } from '../../../bot/recognition.js';

const now = new Date('2026-11-21T15:00:00Z');

function entitiesOf(text: string, locale = 'en-US'): Entities {
  return extractEntities(text, { locale, timeZone: 'America/New_York', now });
}

describe('extractEntities numbers and ordinal', () => {
  const cases: [locale: string, text: string, numbers: number[], ordinal: number | undefined][] = [
    ['en-US', 'the second one', [], 2],
    ['en-US', 'first', [], 1],
    ['en-US', 'the 3rd one', [], 3],
    ['en-US', 'the twenty first one', [], 21],
    ['en-US', 'the last one', [], -1],
    ['en-US', 'second to last', [], -2],
    ['en-US', 'the next one', [], undefined],
    ['en-US', 'number 3', [3], undefined],
    ['en-US', '3', [3], undefined],
    ['en-US', 'one', [1], undefined],
    ['en-US', 'that one', [], undefined],
    ['en-US', 'options 2 and 5', [2, 5], undefined],
    ['en-US', 'was the $42.10 me', [], undefined],
    ['en-US', 'on March 3', [], undefined],
    ['en-US', 'from 1 to 15 November', [], undefined],
    ['en-US', 'in the last 30 days', [], undefined],
    ['en-US', 'last month', [], undefined],
    ['en-US', 'the first one from last week', [], 1],
    ['es-ES', 'el segundo', [], 2],
    ['es-ES', 'la primera', [], 1],
    ['es-ES', 'el último', [], -1],
    ['es-ES', 'número tres', [3], undefined],
    ['es-ES', 'el 3', [3], undefined],
    ['es-ES', 'el 3 de marzo', [], undefined],
  ];
  for (const [locale, text, numbers, ordinal] of cases) {
    it(`reads ${JSON.stringify(text)} (${locale}) as numbers ${JSON.stringify(numbers)}, ordinal ${ordinal}`, () => {
      const entities = entitiesOf(text, locale);
      assert.deepEqual(entities.numbers, numbers);
      assert.equal(entities.ordinal, ordinal);
    });
  }
});

describe('extractEntities accountKind', () => {
  const cases: [locale: string, text: string, kind: Entities['accountKind']][] = [
    ['en-US', "what's in my checking", 'checking'],
    ['en-US', 'balance of my everyday account', 'checking'],
    ['en-GB', 'my current account', 'checking'],
    ['en-US', 'savings balance', 'savings'],
    ['en-US', 'my saving account', 'savings'],
    ['en-US', 'what do I owe on my credit card', 'credit'],
    ['en-US', 'freeze my Visa', 'credit'],
    ['en-US', 'my mastercard', 'credit'],
    ['en-US', 'the Amex', 'credit'],
    ['en-US', 'move $50 from checking to savings', 'checking'],
    ['en-US', 'I got a credit from Amazon', undefined],
    ['en-US', "what's my balance", undefined],
    ['es-ES', 'saldo de mi cuenta de ahorro', 'savings'],
    ['es-ES', 'bloquea mi tarjeta de crédito', 'credit'],
    ['es-ES', 'la cuenta corriente', 'checking'],
  ];
  for (const [locale, text, kind] of cases) {
    it(`reads ${JSON.stringify(text)} (${locale}) as ${kind ?? 'no account kind'}`, () => {
      assert.equal(entitiesOf(text, locale).accountKind, kind);
    });
  }
});

describe('extractEntities', () => {
  it('reads every entity of a full sentence at once', () => {
    assert.deepEqual(entitiesOf('was the second $42.10 charge on my visa last Tuesday me?'), {
      amounts: [{ minor: 4210, currency: 'USD', text: '$42.10' }],
      numbers: [],
      ordinal: 2,
      dateRange: { from: '2026-11-17', to: '2026-11-17', text: 'last Tuesday' },
      accountKind: 'credit',
    });
  });

  it('treats unknown languages as English rather than failing', () => {
    assert.deepEqual(entitiesOf('$5 yesterday', 'fr-FR').amounts, [
      { minor: 500, currency: 'USD', text: '$5' },
    ]);
  });
});

describe('warmUpEntities', () => {
  it('prepares every supported locale without error', () => {
    assert.doesNotThrow(() => warmUpEntities(['en-US', 'en-GB', 'es-ES', 'es-MX']));
  });
});
