import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldText, lowerSameLength, tokenize } from '../../../bot/entities/text.js';

describe('lowerSameLength', () => {
  it('lower-cases and folds full-width digits', () => {
    assert.equal(lowerSameLength('ＳＢＵＸ ４２ Dollars'), 'sbux 42 dollars');
  });

  it('never changes the length, so offsets stay valid', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        assert.equal(lowerSameLength(text).length, text.length);
      }),
      { numRuns: 500 },
    );
    assert.equal(lowerSameLength('İstanbul ﬁ').length, 'İstanbul ﬁ'.length);
  });
});

describe('tokenize', () => {
  it('drops accents, apostrophes and punctuation', () => {
    assert.deepEqual(tokenize('Trader Joe’s #552, El Corte Inglés'), [
      'trader',
      'joes',
      '552',
      'el',
      'corte',
      'ingles',
    ]);
    assert.equal(foldText('Crédito'), 'credito');
  });
});
