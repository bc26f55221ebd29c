import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadCorpora } from '../bot/nlu/corpus.js';
import { ENGINE_INTENTS } from '../bot/router.js';
import { dialogs } from '../dialogs/index.js';
import { loadTranscript } from './support/transcript.js';

/** Corpus files that belong to the engine rather than to a dialog. */
const ENGINE_CORPORA = new Map([
  ['engine', ['common.cancel', 'common.startOver', 'common.confirm', 'common.deny']],
]);
const corpora = loadCorpora('nlu-models', 'en');

describe('dialog registry', () => {
  it('gives every dialog a corpus, a transcript and a dialog file', () => {
    for (const dialog of dialogs) {
      assert.ok(
        corpora.some((c) => c.name === dialog.id),
        `nlu-models/en/${dialog.id}.json is missing`,
      );
      const transcript = `test/transcripts/${dialog.id}.transcript.yml`;
      assert.ok(existsSync(transcript), `${transcript} is missing`);
      assert.equal(loadTranscript(transcript).dialog, dialog.id, `${transcript} names another dialog`);
      assert.ok(existsSync(`dialogs/${dialog.id}.dialog.ts`), `dialogs/${dialog.id}.dialog.ts is missing`);
    }
  });

  it('registers every dialog file and every corpus', () => {
    const ids = new Set(dialogs.map((d) => d.id));
    for (const file of readdirSync('dialogs').filter((f) => f.endsWith('.dialog.ts'))) {
      assert.ok(ids.has(file.replace('.dialog.ts', '')), `dialogs/${file} is not listed in dialogs/index.ts`);
    }
    for (const corpus of corpora) {
      assert.ok(
        ids.has(corpus.name) || ENGINE_CORPORA.has(corpus.name),
        `${corpus.file} belongs to no dialog`,
      );
    }
  });

  it('has each dialog claim exactly the intents of its corpus', () => {
    for (const dialog of dialogs) {
      const corpus = corpora.find((c) => c.name === dialog.id);
      assert.deepEqual(
        [...dialog.intents].sort(),
        (corpus?.data.map((d) => d.intent) ?? []).sort(),
        `intents of ${dialog.id}`,
      );
    }
    for (const [name, intents] of ENGINE_CORPORA) {
      assert.deepEqual(
        corpora
          .find((c) => c.name === name)
          ?.data.map((d) => d.intent)
          .sort(),
        [...intents].sort(),
      );
    }
    assert.deepEqual(
      Object.values(ENGINE_INTENTS).sort(),
      [...(ENGINE_CORPORA.get('engine') ?? [])].sort(),
      'the router and the engine corpus agree',
    );
  });

  it('never lets two dialogs claim one intent', () => {
    const owners = new Map<string, string>();
    for (const dialog of dialogs) {
      for (const intent of dialog.intents) {
        assert.ok(!owners.has(intent), `${intent} is claimed by ${owners.get(intent)} and ${dialog.id}`);
        owners.set(intent, dialog.id);
      }
    }
    for (const intents of ENGINE_CORPORA.values())
      for (const intent of intents) assert.ok(!owners.has(intent), `${intent} is an engine intent`);
  });
});
