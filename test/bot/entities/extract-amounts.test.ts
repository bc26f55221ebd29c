import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities } from '../../../bot/entities/extract.js';
import type { AmountEntity } from '../../../bot/recognition.js';

const now = new Date('2026-11-21T15:00:00Z');

function amountsOf(text: string, locale = 'en-US', defaultCurrency?: string): readonly AmountEntity[] {
  const timeZone =
    locale === 'es-ES' ? 'Europe/Madrid' : locale === 'en-GB' ? 'Europe/London' : 'America/New_York';
  return extractEntities(text, { locale, timeZone, now, ...(defaultCurrency ? { defaultCurrency } : {}) })
    .amounts;
}

const usd = (minor: number, text: string): AmountEntity => ({ minor, currency: 'USD', text });

describe('extractEntities amounts', () => {
  const cases: [string, string, AmountEntity[]][] = [
    ['en-US', 'was this $42.10 charge me', [usd(4210, '$42.10')]],
    ['en-US', 'I paid 42 dollars', [usd(4200, '42 dollars')]],
    ['en-US', 'it was forty two bucks', [usd(4200, 'forty two bucks')]],
    ['en-US', 'transfer $1,200 to savings', [usd(120000, '$1,200')]],
    ['en-US', 'the 42.10 one', [{ minor: 4210, text: '42.10' }]],
    ['en-US', 'USD 42 at Amazon', [usd(4200, 'USD 42')]],
    ['en-US', 'just 5 cents', [usd(5, '5 cents')]],
    ['en-US', '42 dollars and 5 cents', [usd(4205, '42 dollars and 5 cents')]],
    ['en-US', 'a hundred dollars', [usd(10000, 'a hundred dollars')]],
    ['en-US', '1.5 million dollars', [usd(150000000, '1.5 million dollars')]],
    ['en-US', '$5.99 and $3.50', [usd(599, '$5.99'), usd(350, '$3.50')]],
    ['en-US', 'C$20 at the airport', [{ minor: 2000, currency: 'CAD', text: 'C$20' }]],
    ['en-US', '100 yen', [{ minor: 100, currency: 'JPY', text: '100 yen' }]],
    ['en-US', 'the -42.10 refund', [{ minor: 4210, text: '-42.10' }]],
    ['en-GB', 'was it £12.50', [{ minor: 1250, currency: 'GBP', text: '£12.50' }]],
    ['en-GB', 'I spent 20 quid', [{ minor: 2000, currency: 'GBP', text: '20 quid' }]],
    ['en-GB', '50 pence', [{ minor: 50, currency: 'GBP', text: '50 pence' }]],
    ['en-GB', 'it cost 12,50 €', [{ minor: 1250, currency: 'EUR', text: '12,50 €' }]],
    ['es-ES', 'un cargo de 42,10 €', [{ minor: 4210, currency: 'EUR', text: '42,10 €' }]],
    ['es-ES', 'pagué doce euros', [{ minor: 1200, currency: 'EUR', text: 'doce euros' }]],
    ['es-ES', '1.200,50 € en Mercadona', [{ minor: 120050, currency: 'EUR', text: '1.200,50 €' }]],
    ['es-ES', '50 céntimos', [{ minor: 50, currency: 'EUR', text: '50 céntimos' }]],
    ['es-ES', 'me costó cinco pavos', [{ minor: 500, currency: 'EUR', text: 'cinco pavos' }]],
    ['es-ES', 'fueron 20 dólares', [{ minor: 2000, currency: 'USD', text: '20 dólares' }]],
    ['en-US', 'İstanbul airport $42.10', [usd(4210, '$42.10')]],
    ['en-US', '４２ dollars', [usd(4200, '４２ dollars')]],
    ['en-US', "what's my balance", []],
    ['en-US', 'the second one', []],
    ['en-US', 'number 3', []],
  ];
  for (const [locale, text, expected] of cases) {
    it(`reads ${JSON.stringify(text)} (${locale}) as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(amountsOf(text, locale), expected);
    });
  }

  it('uses the default currency for "dollars" and "$" only when it is a dollar', () => {
    assert.deepEqual(amountsOf('20 dollars', 'en-US', 'CAD'), [
      { minor: 2000, currency: 'CAD', text: '20 dollars' },
    ]);
    assert.deepEqual(amountsOf('$20', 'en-US', 'AUD'), [{ minor: 2000, currency: 'AUD', text: '$20' }]);
    assert.deepEqual(amountsOf('20 dollars', 'en-GB', 'GBP'), [usd(2000, '20 dollars')]);
  });

  it('leaves "pesos" without a currency unless the bank works in pesos', () => {
    assert.deepEqual(amountsOf('10 pesos', 'es-ES'), [{ minor: 1000, text: '10 pesos' }]);
    assert.deepEqual(amountsOf('10 pesos', 'es-ES', 'MXN'), [
      { minor: 1000, currency: 'MXN', text: '10 pesos' },
    ]);
  });

  it('drops an amount with more decimals than its currency has', () => {
    assert.deepEqual(amountsOf('$42.105'), []);
    assert.deepEqual(amountsOf('42.10', 'en-US', 'JPY'), []);
  });

  it('keeps amounts out of the plain numbers', () => {
    const entities = extractEntities('the $42.10 and 42.10 charges', {
      locale: 'en-US',
      timeZone: 'UTC',
      now,
    });
    assert.equal(entities.amounts.length, 2);
    assert.deepEqual(entities.numbers, []);
  });
});
