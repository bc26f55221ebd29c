import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSpeller, withinOneEdit } from '../../bot/nlu/spelling.js';
import { seededRandom } from '../../bot/nlu/random.js';
import { addTypos } from '../../bot/nlu/typos.js';

describe('withinOneEdit', () => {
  for (const [a, b] of [
    ['balance', 'balnce'],
    ['balance', 'balancee'],
    ['balance', 'balanse'],
    ['balance', 'blaance'],
  ] as const) {
    it(`sees one edit between "${a}" and "${b}"`, () =>
      assert.ok(withinOneEdit(a, b) && withinOneEdit(b, a)));
  }
  it('sees more than one edit, and none between equal words', () => {
    assert.equal(withinOneEdit('balance', 'blanace'), false);
    assert.equal(withinOneEdit('card', 'cart '), false);
    assert.equal(withinOneEdit('card', 'card'), false);
  });
});

describe('createSpeller', () => {
  const frequency = new Map([
    ['card', 10],
    ['cart', 1],
    ['balance', 5],
  ]);
  const speller = createSpeller([...frequency.keys()], (word) => frequency.get(word) ?? 0);

  it('corrects an unknown word to the most frequent known word one edit away', () => {
    assert.equal(speller('cadr'), 'card');
    assert.equal(speller('carx'), 'card');
    assert.equal(speller('balnace'), 'balance');
  });

  it('leaves known words, short words and words two edits away alone', () => {
    assert.equal(speller('cart'), undefined);
    assert.equal(speller('crd'), undefined);
    assert.equal(speller('blanaec'), undefined);
  });
});

describe('addTypos', () => {
  const text = 'please freeze my debit card now';

  it('gives the same typos for the same seed and others for another', () => {
    assert.equal(addTypos(text, seededRandom(7)), addTypos(text, seededRandom(7)));
    assert.notEqual(addTypos(text, seededRandom(7)), addTypos(text, seededRandom(8)));
  });

  it('makes exactly one edit in each word of four letters or more and leaves shorter words', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      const words = text.split(' ');
      const typed = addTypos(text, seededRandom(seed)).split(' ');
      assert.equal(typed.length, words.length);
      words.forEach((word, i) => {
        if (word.length < 4) assert.equal(typed[i], word);
        else assert.ok(withinOneEdit(word, typed[i] ?? ''), `${word} -> ${typed[i]}`);
      });
    }
  });
});
