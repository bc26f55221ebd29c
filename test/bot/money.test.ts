import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  currencyExponent,
  formatMoney,
  fromDecimalString,
  money,
  sumMoney,
  toDecimalString,
} from '../../bot/money.js';

describe('money', () => {
  it('knows ISO 4217 exponents', () => {
    assert.deepEqual(['USD', 'JPY', 'BHD', 'EUR'].map(currencyExponent), [2, 0, 3, 2]);
  });

  it('round-trips decimal strings exactly for exponents 0, 2 and 3', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('JPY', 'USD', 'BHD'),
        (minor, currency) => {
          const value = money(minor, currency);
          assert.deepEqual(
            fromDecimalString(toDecimalString(value), currency),
            value.minor === 0 ? money(0, currency) : value,
          );
        },
      ),
    );
  });

  it('parses without float drift', () => {
    assert.equal(fromDecimalString('0.29', 'USD').minor, 29);
    assert.equal(fromDecimalString('1234.5', 'EUR').minor, 123450);
    assert.equal(fromDecimalString('-0.005', 'BHD').minor, -5);
  });

  it('refuses floats, bad codes and extra decimals', () => {
    assert.throws(() => money(1.5, 'USD'), RangeError);
    assert.throws(() => money(1, 'usd'), RangeError);
    assert.throws(() => fromDecimalString('1.234', 'USD'), RangeError);
    assert.throws(() => fromDecimalString('12abc', 'USD'), RangeError);
  });

  it('formats for the locale', () => {
    assert.equal(formatMoney(money(123456, 'USD'), 'en-US'), '$1,234.56');
    assert.equal(formatMoney(money(-420, 'GBP'), 'en-GB'), '-£4.20');
    assert.equal(formatMoney(money(500, 'JPY'), 'en-US'), '¥500');
  });

  it('sums one currency and refuses to mix', () => {
    assert.deepEqual(sumMoney([money(10, 'USD'), money(-3, 'USD')], 'USD'), money(7, 'USD'));
    assert.throws(() => sumMoney([money(10, 'USD'), money(1, 'EUR')], 'USD'), RangeError);
  });
});
