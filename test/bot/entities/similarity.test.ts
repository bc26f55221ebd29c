import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, typoSimilarity } from '../../../bot/entities/similarity.js';

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['starbucks', 'starbucks', 0],
    ['strabucks', 'starbucks', 1],
    ['amazn', 'amazon', 1],
    ['tesko', 'tesco', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ];
  for (const [a, b, distance] of cases) {
    it(`counts ${distance} edits between ${JSON.stringify(a)} and ${JSON.stringify(b)}`, () => {
      assert.equal(editDistance(a, b, 5), distance);
      assert.equal(editDistance(b, a, 5), distance);
    });
  }

  it('stops at max + 1 once the distance is out of reach', () => {
    assert.equal(editDistance('starbucks', 'walmart', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 1), 2);
  });
});

describe('typoSimilarity', () => {
  it('is 1 for the same word and below 1 for one typo', () => {
    assert.equal(typoSimilarity('tesco', 'tesco'), 1);
    const typo = typoSimilarity('tesko', 'tesco');
    assert.ok(typo > 0.85 && typo < 1);
  });

  it('allows no typo in words shorter than four letters', () => {
    assert.equal(typoSimilarity('bp', 'bq'), 0);
    assert.equal(typoSimilarity('cvs', 'cvx'), 0);
  });

  it('allows two typos only in words of eight letters or more', () => {
    assert.ok(typoSimilarity('strabuck', 'starbucks') > 0);
    assert.equal(typoSimilarity('amzin', 'amazon'), 0);
  });
});
