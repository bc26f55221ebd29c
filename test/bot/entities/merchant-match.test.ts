import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchMerchants } from '../../../bot/entities/merchant-match.js';
import type { Merchant } from '../../../bot/ports/bank.port.js';

const merchant = (name: string, descriptor: string, category: string): Merchant => ({
  name,
  descriptor,
  category,
});

/** Names and descriptors as card networks send them. */
const merchants: readonly Merchant[] = [
  merchant('Starbucks', 'SBUX 1523 SEATTLE WA', 'coffee'),
  merchant('Amazon', 'AMZN MKTP US*2K3LM8Q', 'shopping'),
  merchant('Amazon Prime', 'AMAZON PRIME*7Y8RX', 'subscriptions'),
  merchant('Best Buy', 'BEST BUY 00012345 MINNEAPOLIS MN', 'electronics'),
  merchant('Tesco', 'TESCO STORES 3172 LONDON GB', 'groceries'),
  merchant('Pret A Manger', 'TST* PRET A MANGER 123 LONDON', 'restaurants'),
  merchant('Whole Foods Market', 'WHOLEFDS MKT 10234 AUSTIN TX', 'groceries'),
  merchant("Trader Joe's", "TRADER JOE'S #552 PORTLAND OR", 'groceries'),
  merchant('Uber', 'UBER *TRIP HELP.UBER.COM', 'transport'),
  merchant('Uber Eats', 'UBER *EATS PENDING', 'restaurants'),
  merchant('Netflix', 'NETFLIX.COM 866-579-7172 CA', 'subscriptions'),
  merchant('Shell', 'SHELL OIL 57444 HOUSTON TX', 'fuel'),
  merchant("Sainsbury's", 'SAINSBURYS S/MKTS 0451 LONDON', 'groceries'),
  merchant("McDonald's", 'MCDONALDS F1234 CHICAGO IL', 'restaurants'),
  merchant('Mercadona', 'MERCADONA VALENCIA 0123', 'groceries'),
  merchant('El Corte Inglés', 'EL CORTE INGLES MADRID', 'shopping'),
  merchant('Blue Bottle Coffee', 'SQ *BLUE BOTTLE COFFEE OAKLAND CA', 'coffee'),
  merchant('The Home Depot', 'THE HOME DEPOT #6812 ATLANTA GA', 'home'),
];

const names = (text: string): string[] => matchMerchants(text, merchants).map((match) => match.merchant.name);

describe('matchMerchants', () => {
  const named: [string, string][] = [
    ['starbucks', 'Starbucks'],
    ['was this Starbucks charge me', 'Starbucks'],
    ['star bucks', 'Starbucks'],
    ['starbuck', 'Starbucks'],
    ['strabucks', 'Starbucks'],
    ['was this SBUX charge me', 'Starbucks'],
    ['amazon prime', 'Amazon Prime'],
    ['amazon', 'Amazon'],
    ['amazn', 'Amazon'],
    ['best buy', 'Best Buy'],
    ['bestbuy', 'Best Buy'],
    ['what did I spend at tesco', 'Tesco'],
    ['lunch at pret', 'Pret A Manger'],
    ['whole foods', 'Whole Foods Market'],
    ['wholefoods', 'Whole Foods Market'],
    ['trader joes', "Trader Joe's"],
    ["Trader Joe's", "Trader Joe's"],
    ['trader joe', "Trader Joe's"],
    ['mcdonalds', "McDonald's"],
    ['sainsburys', "Sainsbury's"],
    ['uber eats', 'Uber Eats'],
    ['how much on uber', 'Uber'],
    ['home depot', 'The Home Depot'],
    ['cuánto gasté en Mercadona', 'Mercadona'],
    ['el corte ingles', 'El Corte Inglés'],
  ];
  for (const [text, expected] of named) {
    it(`ranks ${expected} first for ${JSON.stringify(text)}`, () => {
      assert.equal(names(text)[0], expected);
    });
  }

  const unnamed = [
    "what's my balance",
    'was this charge me',
    'how much did I spend last month',
    'show my transactions',
    "what's the best way to save",
    'the whole amount',
    'did I buy anything',
    'how much did I spend on coffee',
    'shall I pay it',
    'my trip to Paris',
    'freeze my card',
    'I want to talk to a human',
    'the second one',
    '$42.10',
    '¿cuál es mi saldo?',
    '',
  ];
  for (const text of unnamed) {
    it(`matches no merchant in ${JSON.stringify(text)}`, () => {
      assert.deepEqual(names(text), []);
    });
  }

  it('ranks the longer name first when the customer says all of it', () => {
    assert.deepEqual(names('amazon prime').slice(0, 2), ['Amazon Prime', 'Amazon']);
    assert.deepEqual(names('amazon').slice(0, 2), ['Amazon', 'Amazon Prime']);
  });

  it('scores the exact name 1 and a typo less', () => {
    const [exact] = matchMerchants('starbucks', merchants);
    const [typo] = matchMerchants('strabucks', merchants);
    assert.equal(exact?.score, 1);
    assert.ok(typo !== undefined && typo.score < 1 && typo.score >= 0.8);
  });

  it('returns only matches at or above minScore', () => {
    assert.deepEqual(
      matchMerchants('amazon', merchants, { minScore: 0.95 }).map((match) => match.merchant.name),
      ['Amazon'],
    );
    assert.deepEqual(matchMerchants('strabucks', merchants, { minScore: 0.99 }), []);
  });

  it('matches nothing when the customer has no merchants', () => {
    assert.deepEqual(matchMerchants('starbucks', []), []);
  });
});
