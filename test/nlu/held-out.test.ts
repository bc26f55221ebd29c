import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpora } from '../../bot/nlu/corpus.js';
import { loadIntentClassifier } from '../../bot/nlu/intent-classifier.js';
import type { IntentClassifier } from '../../bot/nlu/intent-classifier.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';

const MODELS_DIR = 'nlu-models';

interface Score {
  readonly passed: number;
  readonly total: number;
  readonly misses: readonly string[];
}

const percent = ({ passed, total }: Score): string =>
  `${((100 * passed) / total).toFixed(1)}% (${passed}/${total})`;

/** Runs every held-out test line of the corpora, in scope or not, through the classifier. */
async function heldOut(classifier: IntentClassifier, outOfScope: boolean): Promise<Score> {
  const misses: string[] = [];
  let total = 0;
  for (const corpus of loadCorpora(MODELS_DIR, 'en')) {
    for (const { intent, tests } of corpus.data) {
      if ((intent === OUT_OF_SCOPE) !== outOfScope) continue;
      for (const text of tests) {
        total += 1;
        const result = await classifier.classify(text, corpus.locale);
        if (result.intent !== intent) {
          const top = result.intents
            .slice(0, 2)
            .map((score) => `${score.intent} ${score.score.toFixed(2)}`)
            .join(', ');
          misses.push(`${intent}: "${text}" -> ${result.intent} [${top}]`);
        }
      }
    }
  }
  return { passed: total - misses.length, total, misses };
}

describe('intent classifier on the held-out corpus tests', () => {
  let classifier: IntentClassifier;

  before(async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bankbot-nlu-held-out-'));
    classifier = await loadIntentClassifier({ modelsDir: MODELS_DIR, cacheDir, languages: ['en'] });
  });

  it('recognises at least 95% of the banking and conversation tests', async (t) => {
    const score = await heldOut(classifier, false);
    t.diagnostic(`held-out banking: ${percent(score)}`);
    score.misses.forEach((miss) => t.diagnostic(`miss ${miss}`));
    assert.ok(score.total >= 8 * 17, `expected at least 8 tests for each of 17 intents, got ${score.total}`);
    assert.ok(score.passed / score.total >= 0.95, `held-out banking ${percent(score)} is under 95%`);
  });

  it('sends at least 90% of the off-topic tests to out of scope', async (t) => {
    const score = await heldOut(classifier, true);
    t.diagnostic(`held-out off-topic: ${percent(score)}`);
    score.misses.forEach((miss) => t.diagnostic(`miss ${miss}`));
    assert.ok(score.total >= 25, `expected at least 25 off-topic tests, got ${score.total}`);
    assert.ok(score.passed / score.total >= 0.9, `held-out off-topic ${percent(score)} is under 90%`);
  });
});
