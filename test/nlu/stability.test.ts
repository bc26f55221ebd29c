import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIntentClassifier } from '../../bot/nlu/intent-classifier.js';
import { reportLanguage } from '../../bot/nlu/report.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';
import { isRecord } from '../../bot/nlu/json-guards.js';

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;

/** A copy of the English corpora with three lines added to charge.verify's training sentences. */
function editedCorpora(): string {
  const modelsDir = mkdtempSync(join(tmpdir(), 'bankbot-nlu-stability-'));
  cpSync('nlu-models/en', join(modelsDir, 'en'), { recursive: true });
  const file = join(modelsDir, 'en', 'verify-charge.json');
  const corpus: unknown = JSON.parse(readFileSync(file, 'utf8'));
  assert.ok(isRecord(corpus) && Array.isArray(corpus.data) && isRecord(corpus.data[0]));
  assert.ok(Array.isArray(corpus.data[0].utterances));
  corpus.data[0].utterances.push(
    'was the 20 dollar charge me',
    'what is the spotify payment',
    'is the $30 amazon charge mine',
  );
  writeFileSync(file, JSON.stringify(corpus));
  return modelsDir;
}

describe('intent classifier under small corpus edits', () => {
  it('keeps the held-out figures when three charge.verify lines are added', async (t) => {
    const modelsDir = editedCorpora();
    const cacheDir = join(modelsDir, '.cache');
    const classifier = await loadIntentClassifier({ modelsDir, cacheDir, languages: ['en'] });
    const { metrics } = await reportLanguage(classifier, modelsDir, 'en');
    t.diagnostic(
      `after the edit: banking ${pct(metrics.inScopeAccuracy)}, off-topic ${pct(metrics.oosRecall)}`,
    );
    assert.ok(metrics.inScopeAccuracy >= 0.95, `banking ${pct(metrics.inScopeAccuracy)} is under 95%`);
    assert.ok(metrics.oosRecall >= 0.9, `off-topic ${pct(metrics.oosRecall)} is under 90%`);
  });

  it('recognises charge questions that name a subscription or an amount in words', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bankbot-nlu-probes-'));
    const classifier = await loadIntentClassifier({ modelsDir: 'nlu-models', cacheDir, languages: ['en'] });
    for (const text of ['what is the amazon prime payment', 'was the 999 dollar charge me']) {
      assert.equal((await classifier.classify(text, 'en-US')).intent, 'charge.verify', text);
    }
    // Unknown words are no evidence of being off-topic: a confident out-of-scope needs known words.
    const gibberish = await classifier.classify('zorbly quaxet', 'en-US');
    assert.equal(gibberish.intent, OUT_OF_SCOPE);
    assert.ok(gibberish.score < 0.5, `score ${gibberish.score}`);
    assert.ok((await classifier.classify("what's the weather like", 'en-US')).score > 0.9);
  });
});
