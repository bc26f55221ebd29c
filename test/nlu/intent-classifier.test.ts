import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadIntentClassifier } from '../../bot/nlu/intent-classifier.js';
import type { IntentClassifier } from '../../bot/nlu/intent-classifier.js';
import { OUT_OF_SCOPE } from '../../bot/recognition.js';
import { ENGINE_INTENTS } from '../../bot/router.js';
import { dialogs } from '../../dialogs/index.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'bankbot-nlu-classifier-'));

describe('intent classifier', () => {
  let classifier: IntentClassifier;

  before(async () => {
    classifier = await loadIntentClassifier({
      modelsDir: 'nlu-models',
      cacheDir: tempDir(),
      languages: ['en'],
    });
  });

  it('knows exactly the intents the dialogs and the engine handle', () => {
    const expected = [...dialogs.flatMap((dialog) => dialog.intents), ...Object.values(ENGINE_INTENTS)];
    assert.deepEqual(classifier.intents, expected.sort());
  });

  for (const [text, intent] of [
    ['yes', 'common.confirm'],
    ['ok', 'common.confirm'],
    ['yep', 'common.confirm'],
    ['no', 'common.deny'],
    ['nope', 'common.deny'],
  ] as const) {
    it(`classifies the short answer "${text}" as ${intent}`, async () => {
      assert.equal((await classifier.classify(text, 'en-US')).intent, intent);
    });
  }

  it('sends gibberish and empty text to out of scope', async () => {
    for (const text of ['asdf qwerty zxcv', '', '   ', '?!']) {
      assert.equal((await classifier.classify(text, 'en-US')).intent, OUT_OF_SCOPE, JSON.stringify(text));
    }
  });

  it('uses the language of a regional locale', async () => {
    assert.equal((await classifier.classify('freeze my card', 'en-GB')).intent, 'card.freeze');
  });

  it('answers a locale without a model of its own with the default language', async () => {
    assert.equal((await classifier.classify('freeze my card', 'fr-FR')).intent, 'card.freeze');
  });

  it('refuses a default language that is not loaded', async () => {
    await assert.rejects(
      loadIntentClassifier({
        modelsDir: 'nlu-models',
        cacheDir: tempDir(),
        languages: ['en'],
        defaultLanguage: 'es',
      }),
      /default language "es" is not one of the loaded languages/,
    );
  });

  it('returns a known intent, a score in 0..1 and every intent best first, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (text) => {
        const result = await classifier.classify(text, 'en-US');
        assert.ok(classifier.intents.includes(result.intent));
        assert.ok(result.score >= 0 && result.score <= 1);
        assert.deepEqual(result.intents.map(({ intent }) => intent).sort(), [...classifier.intents]);
        result.intents
          .slice(1)
          .forEach((score, i) => assert.ok(score.score <= (result.intents[i]?.score ?? 0)));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('prints nothing while loading, training and classifying', () => {
    const script = [
      "import { loadIntentClassifier } from './bot/nlu/intent-classifier.ts';",
      `const c = await loadIntentClassifier({ modelsDir: 'nlu-models', cacheDir: ${JSON.stringify(tempDir())}, languages: ['en'] });`,
      "await c.classify('what is this $42.10 charge', 'en-US');",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, '');
    assert.equal(child.stderr, '');
  });
});
