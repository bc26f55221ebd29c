import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  commandDelta,
  formatRatio,
  formatTable,
  median,
  parseCommandStats,
  percentile,
  ratio,
} from '../../bench/http/stats.js';

describe('percentile', () => {
  it('picks the nearest-rank value whatever the input order', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(values, 0.5), 5);
    assert.equal(percentile(values, 0.99), 10);
    assert.equal(percentile(values, 0), 1);
    assert.equal(median([3, 1, 2]), 2);
  });

  it('is NaN for no values and refuses a quantile outside 0..1', () => {
    assert.ok(Number.isNaN(percentile([], 0.5)));
    assert.throws(() => percentile([1], 1.5), RangeError);
  });
});

describe('ratio', () => {
  it('rounds to two decimals and formats with a times sign', () => {
    assert.equal(ratio(1, 3), 0.33);
    assert.equal(formatRatio(ratio(4200, 1000)), '4.20×');
  });

  it('is n/a against a zero baseline', () => {
    assert.equal(formatRatio(ratio(10, 0)), 'n/a');
  });
});

describe('formatTable', () => {
  it('pads columns to their widest cell, numbers right-aligned', () => {
    assert.equal(
      formatTable([
        ['a', '1'],
        ['long', '100'],
      ]),
      'a       1\nlong  100',
    );
  });
});

describe('commandDelta', () => {
  it('counts calls made between two INFO commandstats snapshots, without ignored commands', () => {
    const before = parseCommandStats(
      '# Commandstats\r\ncmdstat_mget:calls=10,usec=5\r\ncmdstat_info:calls=1,usec=9\r\n',
    );
    const after = parseCommandStats(
      '# Commandstats\r\ncmdstat_mget:calls=13,usec=7\r\ncmdstat_evalsha:calls=2,usec=3\r\ncmdstat_info:calls=2,usec=9\r\n',
    );
    assert.deepEqual(Object.fromEntries(commandDelta(before, after, ['info'])), { mget: 3, evalsha: 2 });
  });
});
