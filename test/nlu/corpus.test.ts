import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corporaHash, loadCorpora } from '../../bot/nlu/corpus.js';
import { dialogs } from '../../dialogs/index.js';

type Files = Record<string, unknown>;

/** Writes `files` (name -> JSON value, or raw text) as the English corpora of a temporary models dir. */
function modelsDirWith(files: Files): string {
  const modelsDir = mkdtempSync(join(tmpdir(), 'bankbot-nlu-corpus-'));
  mkdirSync(join(modelsDir, 'en'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(
      join(modelsDir, 'en', name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  return modelsDir;
}

const corpus = (name: string, intent: string, utterances: string[], tests: string[] = []) => ({
  name,
  locale: 'en-US',
  data: [{ intent, utterances, tests }],
});

describe('loadCorpora', () => {
  it('loads one corpus per dialog of the repository, sorted by name', () => {
    const names = loadCorpora('nlu-models', 'en').map(({ name }) => name);
    // Every registered dialog plus the engine's own corpus (the consistency test checks the pairing).
    assert.deepEqual(names, [...dialogs.map((dialog) => dialog.id), 'engine'].sort());
  });

  const broken: [string, Files, RegExp][] = [
    ['invalid JSON', { 'balance.json': '{ "name": "balance", ' }, /balance\.json: not valid JSON/],
    [
      'a missing utterances array',
      {
        'balance.json': { name: 'balance', locale: 'en-US', data: [{ intent: 'balance.check', tests: [] }] },
      },
      /balance\.json: intent balance\.check needs a non-empty "utterances" array/,
    ],
    [
      'an intent not named domain.action',
      { 'balance.json': corpus('balance', 'Balance', ['hi']) },
      /balance\.json: each data entry needs an "intent" named like "domain\.action"/,
    ],
    [
      'a name that is not the file name',
      { 'balance.json': corpus('money', 'balance.check', ['balance']) },
      /balance\.json: "name" is "money" but the file is named balance\.json/,
    ],
    [
      'a locale of another language',
      { 'balance.json': { ...corpus('balance', 'balance.check', ['balance']), locale: 'fr-FR' } },
      /balance\.json: locale "fr-FR" does not belong in the "en" directory/,
    ],
    [
      'a duplicated utterance, even across files and letter case',
      {
        'balance.json': corpus('balance', 'balance.check', ['my balance']),
        'spending.json': corpus('spending', 'spending.total', ['My  Balance']),
      },
      /spending\.json: duplicated utterance "My {2}Balance" \(spending\.total; first in balance\.check in .*balance\.json\)/,
    ],
    [
      'a test that is also a training utterance',
      { 'balance.json': corpus('balance', 'balance.check', ['my balance', 'balance'], ['My balance']) },
      /balance\.json: test "My balance" of balance\.check is also a training utterance/,
    ],
    [
      'an intent claimed by two files',
      {
        'balance.json': corpus('balance', 'balance.check', ['my balance']),
        'money.json': corpus('money', 'balance.check', ['how much money']),
      },
      /money\.json: intent balance\.check is already claimed by .*balance\.json/,
    ],
  ];
  for (const [what, files, message] of broken) {
    it(`names the file and the problem for ${what}`, () => {
      assert.throws(() => loadCorpora(modelsDirWith(files), 'en'), message);
    });
  }

  it('fails on an empty language directory', () => {
    assert.throws(() => loadCorpora(modelsDirWith({}), 'en'), /en: no corpus \(\*\.json\) found/);
  });

  it('reads a valid corpus with the path of its file', () => {
    const modelsDir = modelsDirWith({
      'balance.json': corpus('balance', 'balance.check', ['balance'], ['my bal']),
    });
    assert.deepEqual(loadCorpora(modelsDir, 'en'), [
      {
        name: 'balance',
        locale: 'en-US',
        file: join(modelsDir, 'en', 'balance.json'),
        data: [{ intent: 'balance.check', utterances: ['balance'], tests: ['my bal'] }],
      },
    ]);
  });
});

describe('corporaHash', () => {
  const files = { 'balance.json': corpus('balance', 'balance.check', ['balance'], ['my balance']) };

  it('is the same for the same corpora in another directory', () => {
    const hash = corporaHash(loadCorpora(modelsDirWith(files), 'en'));
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(corporaHash(loadCorpora(modelsDirWith(files), 'en')), hash);
  });

  it('changes when an utterance changes', () => {
    const edited = { 'balance.json': corpus('balance', 'balance.check', ['balance please'], ['my balance']) };
    assert.notEqual(
      corporaHash(loadCorpora(modelsDirWith(edited), 'en')),
      corporaHash(loadCorpora(modelsDirWith(files), 'en')),
    );
  });
});
