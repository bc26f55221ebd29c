import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { obMoney, toObAmount } from '../../adapters/banks/open-banking-uk/ob-money.js';
import { currencyExponent, money } from '../../bot/money.js';
import { isBankError } from '../../bot/ports/bank.port.js';

/** One currency per exponent: yen (0), dollars (2), Bahraini dinars (3). */
const CURRENCIES = [
  ['JPY', 0],
  ['USD', 2],
  ['BHD', 3],
] as const;

/** The standard's amount: up to 13 integer digits and 5 decimals, unsigned. */
const OB_AMOUNT = /^\d{1,13}$|^\d{1,13}\.\d{1,5}$/;

describe('Open Banking amounts', () => {
  for (const [currency, exponent] of CURRENCIES) {
    it(`round-trips ${currency} (exponent ${exponent}) minor units through the decimal string exactly`, () => {
      assert.equal(currencyExponent(currency), exponent);
      const largest = Math.min(Number.MAX_SAFE_INTEGER, 10 ** (13 + exponent) - 1);
      fc.assert(
        fc.property(fc.integer({ min: -largest, max: largest }), (minor) => {
          const value = money(minor, currency);
          const { Amount, CreditDebitIndicator } = toObAmount(value);
          assert.match(Amount.Amount, OB_AMOUNT);
          assert.equal(Amount.Amount.split('.')[1]?.length ?? 0, exponent);
          assert.deepEqual(obMoney(Amount, CreditDebitIndicator), value);
        }),
        { numRuns: 500 },
      );
    });

    it(`reads any ${currency} decimal string exactly and writes it back unchanged`, () => {
      const digits = (min: number, max: number) =>
        fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
      const whole = fc.oneof(
        fc.constant('0'),
        fc.tuple(fc.constantFrom(...'123456789'), digits(0, 12)).map(([a, b]) => a + b),
      );
      const decimal = fc
        .tuple(whole, digits(0, exponent))
        .filter(([w, f]) => Number(`${w}${f.padEnd(exponent, '0')}`) <= Number.MAX_SAFE_INTEGER);
      const side = fc.constantFrom('Credit' as const, 'Debit' as const);
      fc.assert(
        fc.property(decimal, side, ([w, f], indicator) => {
          const text = f === '' ? w : `${w}.${f}`;
          const value = obMoney({ Amount: text, Currency: currency }, indicator);
          const expected = BigInt(`${w}${f.padEnd(exponent, '0')}`);
          assert.equal(BigInt(Math.abs(value.minor)), expected);
          assert.equal(value.minor < 0, indicator === 'Debit' && expected > 0n);
          const back = toObAmount(value);
          assert.equal(back.Amount.Amount, exponent === 0 ? w : `${w}.${f.padEnd(exponent, '0')}`);
          if (expected > 0n) assert.equal(back.CreditDebitIndicator, indicator);
        }),
        { numRuns: 500 },
      );
    });

    it(`refuses a ${currency} amount with more decimals than the currency has, never rounding`, () => {
      const amount = { Amount: `12.${'0'.repeat(exponent)}1`, Currency: currency };
      assert.throws(
        () => obMoney(amount, 'Debit'),
        (error: unknown) => isBankError(error) && error.code === 'BANK_ERR_UNAVAILABLE',
      );
      assert.deepEqual(
        obMoney({ Amount: `12.${'0'.repeat(exponent + 1)}`, Currency: currency }, 'Credit'),
        money(12 * 10 ** exponent, currency),
      );
    });
  }
});
