import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs } from '../../bench/nlu/args.js';
import { parseCsv } from '../../bench/nlu/csv.js';
import { loadCsvDataset, loadJsonDataset, subsetDataset } from '../../bench/nlu/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'bankbot-bench-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'text,label\r\n"hello, world",greeting\n"say ""hi""",greeting\r\n"two\nlines",oos\n\n';
    assert.deepEqual(parseCsv(text), [
      ['text', 'label'],
      ['hello, world', 'greeting'],
      ['say "hi"', 'greeting'],
      ['two\nlines', 'oos'],
    ]);
  });

  it('skips a byte order mark and fails on an unclosed quote', () => {
    assert.deepEqual(parseCsv('\ufefftext,label\nhi,greeting'), [
      ['text', 'label'],
      ['hi', 'greeting'],
    ]);
    assert.throws(() => parseCsv('text,label\n"oops,greeting'), /not closed/);
  });
});

describe('benchmark datasets', () => {
  it('evaluates on test and chooses on val when CLINC150 has both', () => {
    const path = file(
      'full.json',
      JSON.stringify({
        train: [['a', 'x']],
        oos_train: [['b', 'oos']],
        val: [['c', 'x']],
        oos_val: [['d', 'oos']],
        test: [['e', 'x']],
        oos_test: [['f', 'oos']],
      }),
    );
    const dataset = loadJsonDataset(path);
    assert.equal(dataset.evaluationSplit, 'test');
    assert.deepEqual(
      dataset.train.map(({ text }) => text),
      ['a', 'b'],
    );
    assert.deepEqual(
      dataset.selection.map(({ text }) => text),
      ['c', 'd'],
    );
    assert.deepEqual(
      dataset.evaluation.map(({ text }) => text),
      ['e', 'f'],
    );
  });

  it('evaluates on val and chooses by cross-validation when test is missing', () => {
    const dataset = loadJsonDataset(
      file('trainval.json', JSON.stringify({ train: [['a', 'x']], val: [['c', 'x']] })),
    );
    assert.equal(dataset.evaluationSplit, 'val');
    assert.deepEqual(dataset.selection, []);
    assert.deepEqual(dataset.evaluation, [{ text: 'c', label: 'x' }]);
  });

  it('names the file and the entry of a malformed dataset', () => {
    const path = file('bad.json', JSON.stringify({ train: [['a']], val: [] }));
    assert.throws(() => loadJsonDataset(path), /bad\.json: train\[0\] must be \[text, label\]/);
    const empty = file('empty.json', JSON.stringify({ train: [['a', 'x']] }));
    assert.throws(() => loadJsonDataset(empty), /nothing to evaluate on/);
  });

  it('reads CSV files by their header, in any column order', () => {
    const train = file('train.csv', 'label,text\nx,"hi, there"\noos,what is the weather\n');
    const test = file('test.csv', 'text,label\nhello,x\n');
    const dataset = loadCsvDataset({ train, test });
    assert.deepEqual(dataset.train, [
      { text: 'hi, there', label: 'x' },
      { text: 'what is the weather', label: 'oos' },
    ]);
    assert.equal(dataset.evaluationSplit, 'test');
    assert.deepEqual(dataset.selection, []);
    assert.throws(
      () => loadCsvDataset({ train: file('nohead.csv', 'a,b\n'), test }),
      /must name the columns/,
    );
  });

  it('keeps every fifth intent and all out-of-scope sentences for --quick', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'oos'];
    const items = labels.map((label) => ({ text: label, label }));
    const quick = subsetDataset(
      { train: items, selection: [], evaluation: items, evaluationSplit: 'val' },
      5,
    );
    assert.deepEqual(
      quick.train.map(({ label }) => label),
      ['a', 'f', 'oos'],
    );
  });
});

describe('parseBenchArgs', () => {
  it('reads the options and the --quick flag', () => {
    assert.deepEqual(parseBenchArgs(['--data', 'd.json', '--json', 'o.json', '--seed', '7', '--quick']), {
      data: 'd.json',
      json: 'o.json',
      seed: 7,
      quick: true,
      baseline: false,
    });
  });

  it('refuses unknown options, half a CSV pair, mixed inputs and a bad seed', () => {
    assert.throws(() => parseBenchArgs(['--nope', 'x']), /unexpected argument "--nope"/);
    assert.throws(() => parseBenchArgs(['--train', 'a.csv']), /needs both --train and --test/);
    assert.throws(
      () => parseBenchArgs(['--data', 'd.json', '--train', 'a', '--test', 'b']),
      /exclude each other/,
    );
    assert.throws(() => parseBenchArgs(['--seed', 'abc']), /whole number/);
  });
});
