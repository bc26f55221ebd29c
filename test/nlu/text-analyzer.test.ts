import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTextAnalyzer } from '../../bot/nlu/text-analyzer.js';

describe('text analyzer', () => {
  const english = createTextAnalyzer('en');

  it('masks amounts and other numbers so that one amount teaches all of them', () => {
    assert.deepEqual(english.analyze('Was the $42.10 charge on Oct 3rd, card 4821, me?').tokens, [
      'was',
      'the',
      '#money',
      'charge',
      'on',
      'oct',
      '#num',
      'card',
      '#num',
      'me',
    ]);
  });

  it('expands contractions with and without apostrophes', () => {
    assert.deepEqual(english.analyze("I didn't").tokens, ['i', 'did', 'not']);
    assert.deepEqual(english.analyze('i didnt, whats that').tokens, [
      'i',
      'did',
      'not',
      'what',
      'is',
      'that',
    ]);
  });

  it('splits statement descriptors on their symbols and stems with NLP.js', () => {
    assert.deepEqual(english.analyze('PAYPAL *EBAY purchases').stems, ['paypal', 'ebay', 'purchas']);
  });

  it('refuses a language without an analyzer', () => {
    assert.throws(() => createTextAnalyzer('xx'), /no analyzer for language "xx" \(supported: en, es\)/);
  });

  it('analyses Spanish without accents, inverted marks or amounts getting in the way', () => {
    const spanish = createTextAnalyzer('es');
    const { tokens, stems } = spanish.analyze('¿Cuánto gasté en Mercadona, 42,10 €?');
    assert.deepEqual(tokens, ['cuanto', 'gaste', 'en', 'mercadona', '#money']);
    assert.deepEqual(stems, ['cuant', 'gast', 'en', 'mercadon', '#money']);
  });
});
