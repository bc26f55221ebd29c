import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIntentClassifier } from '../../bot/nlu/intent-classifier.js';
import type { IntentClassifier } from '../../bot/nlu/intent-classifier.js';
import { reportLanguage } from '../../bot/nlu/report.js';

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;

describe('English and Spanish recognizers on their held-out tests', () => {
  let classifier: IntentClassifier;

  before(async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bankbot-nlu-languages-'));
    classifier = await loadIntentClassifier({ modelsDir: 'nlu-models', cacheDir, languages: ['en', 'es'] });
  });

  it('still recognises at least 90% of the English tests with a typo in every word of 4+ letters', async (t) => {
    const report = await reportLanguage(classifier, 'nlu-models', 'en');
    t.diagnostic(`English held-out with typos: ${pct(report.typoAccuracy)} of ${report.tests}`);
    assert.ok(report.typoAccuracy >= 0.9, `with typos ${pct(report.typoAccuracy)} is under 90%`);
  });

  it('recognises at least 90% of the Spanish tests', async (t) => {
    const report = await reportLanguage(classifier, 'nlu-models', 'es');
    t.diagnostic(
      `Spanish held-out: ${pct(report.accuracy)} of ${report.tests} (in scope ${pct(report.metrics.inScopeAccuracy)}, ` +
        `off-topic ${pct(report.metrics.oosRecall)}; with typos ${pct(report.typoAccuracy)})`,
    );
    report.misses.forEach((miss) =>
      t.diagnostic(`miss ${miss.expected}: "${miss.text}" -> ${miss.predicted}`),
    );
    assert.ok(report.tests >= 150, `expected at least 150 Spanish tests, got ${report.tests}`);
    assert.ok(report.accuracy >= 0.9, `Spanish held-out ${pct(report.accuracy)} is under 90%`);
  });

  it('picks the model by the language of the locale, whatever its region', async () => {
    for (const locale of ['es-ES', 'es-MX', 'es_US', 'ES']) {
      assert.equal((await classifier.classify('bloquea mi tarjeta', locale)).intent, 'card.freeze', locale);
    }
    assert.equal((await classifier.classify('freeze my card', 'en-AU')).intent, 'card.freeze');
  });

  it('answers an unsupported locale with the default language, English', async () => {
    assert.equal((await classifier.classify('what is my balance', 'de-DE')).intent, 'balance.check');
  });
});
