import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics } from '../../bot/nlu/metrics.js';
import { renderReport } from '../../bot/nlu/report-html.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';

const corpus = (name: string, intent: string, utterances: string[], tests: string[]) => ({
  name,
  locale: 'en-US',
  data: [{ intent, utterances, tests }],
});

describe('computeMetrics', () => {
  it('computes per-intent precision, recall and F1, in-scope accuracy and out-of-scope recall', () => {
    const metrics = computeMetrics([
      { expected: 'a', predicted: 'a' },
      { expected: 'a', predicted: 'b' },
      { expected: 'b', predicted: 'b' },
      { expected: OUT_OF_SCOPE, predicted: OUT_OF_SCOPE },
      { expected: OUT_OF_SCOPE, predicted: 'a' },
    ]);
    assert.equal(metrics.inScopeAccuracy, 2 / 3);
    assert.equal(metrics.oosRecall, 1 / 2);
    const a = metrics.perIntent.find(({ intent }) => intent === 'a');
    assert.deepEqual(a, { intent: 'a', precision: 1 / 2, recall: 1 / 2, f1: 1 / 2, support: 2 });
    assert.equal(metrics.confusion.get('a')?.get('b'), 1);
  });
});

describe('nlu:report', () => {
  it('renders a page with a chart, a per-intent table and a confusion matrix, escaping text', () => {
    const outcomes = [{ expected: 'a', predicted: 'a' }];
    const html = renderReport(
      [
        {
          language: 'en',
          metrics: computeMetrics(outcomes),
          accuracy: 1,
          typoAccuracy: 1,
          tests: 1,
          misses: [{ text: '<b>', expected: 'a', predicted: 'b' }],
        },
      ],
      new Date(0),
    );
    assert.match(html, /<svg role="img" aria-label="F1 per intent"/);
    assert.match(html, /<th>precision<\/th>/);
    assert.match(html, /class="confusion"/);
    assert.match(html, /&#60;b&#62;/);
    assert.doesNotMatch(html, /<b>/);
  });

  it('writes the HTML report for the corpora it is given and exits 0 when they pass', () => {
    const root = mkdtempSync(join(tmpdir(), 'bankbot-nlu-report-'));
    mkdirSync(join(root, 'en'));
    const files = {
      'balance.json': corpus(
        'balance',
        'balance.check',
        [
          'my balance',
          'how much money do i have',
          'balance please',
          'account balance',
          'show my balance',
          'money left',
        ],
        ['what is my balance'],
      ),
      'card.json': corpus(
        'card',
        'card.freeze',
        ['freeze my card', 'block my card', 'i lost my card', 'lock my card', 'card stolen', 'stop my card'],
        ['please freeze my card'],
      ),
      'out-of-scope.json': corpus(
        'out-of-scope',
        OUT_OF_SCOPE,
        [
          'weather today',
          'tell me a joke',
          'play music',
          'who won the game',
          'book a flight',
          'what time is it',
        ],
        ['tell me a funny joke'],
      ),
    };
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(root, 'en', name), JSON.stringify(content));
    const out = join(root, 'report', 'nlu.html');
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bot/nlu/report-cli.ts',
        '--models',
        root,
        '--cache',
        join(root, '.cache'),
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /en: 3 held-out tests, 100\.0% right/);
    assert.ok(existsSync(out));
    assert.match(readFileSync(out, 'utf8'), /<h2>en<\/h2>/);
  });
});
