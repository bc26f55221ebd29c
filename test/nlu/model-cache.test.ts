import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corporaHash, loadCorpora } from '../../bot/nlu/corpus.js';
import { loadIntentClassifier } from '../../bot/nlu/intent-classifier.js';
import type { IntentClassifier, NluEvent } from '../../bot/nlu/intent-classifier.js';
import { isRecord } from '../../bot/nlu/json-guards.js';
import { decodeFloatFile, encodeFloatFile } from '../../bot/nlu/float-codec.js';

const SENTENCES = ['was this $42.10 charge me', 'what is the weather in paris', 'yes', 'unlock my card'];

interface Dirs {
  readonly modelsDir: string;
  readonly cacheDir: string;
}

/** Loads the classifier and returns it with the events it reported. */
async function load({ modelsDir, cacheDir }: Dirs) {
  const events: NluEvent[] = [];
  const classifier = await loadIntentClassifier({
    modelsDir,
    cacheDir,
    languages: ['en'],
    onEvent: (event, detail) => {
      assert.match(detail.hash, /^[0-9a-f]{64}$/);
      assert.ok(detail.ms >= 0);
      events.push(event);
    },
  });
  return { classifier, events };
}

const classifyAll = (classifier: IntentClassifier) =>
  Promise.all(SENTENCES.map((text) => classifier.classify(text, 'en-US')));

/** A private copy of the English corpora (and of a cache, when given), free to change. */
function copyDirs(from?: Dirs): Dirs {
  const root = mkdtempSync(join(tmpdir(), 'bankbot-nlu-cache-'));
  const dirs = { modelsDir: join(root, 'models'), cacheDir: join(root, 'cache') };
  cpSync(from ? join(from.modelsDir, 'en') : 'nlu-models/en', join(dirs.modelsDir, 'en'), {
    recursive: true,
  });
  if (from) cpSync(from.cacheDir, dirs.cacheDir, { recursive: true });
  return dirs;
}

const cacheFile = ({ modelsDir, cacheDir }: Dirs): string =>
  join(cacheDir, `${corporaHash(loadCorpora(modelsDir, 'en'))}.model`);

describe('intent classifier model cache', () => {
  let trained: Dirs;
  let cold: Awaited<ReturnType<typeof load>>;

  before(async () => {
    trained = copyDirs();
    cold = await load(trained);
  });

  it('trains on a cold cache, then loads the same model from the cache without training', async () => {
    assert.deepEqual(cold.events, ['nlu.cache.miss', 'nlu.trained']);
    const warm = await load(copyDirs(trained));
    assert.deepEqual(warm.events, ['nlu.cache.hit']);
    assert.deepEqual(await classifyAll(warm.classifier), await classifyAll(cold.classifier));
  });

  it('keeps the model in <cacheDir>/<hash>.model and leaves no temporary file behind', () => {
    assert.deepEqual(readdirSync(trained.cacheDir), [basename(cacheFile(trained))]);
  });

  it('retrains when a corpus changes', async () => {
    const dirs = copyDirs(trained);
    const file = join(dirs.modelsDir, 'en', 'balance.json');
    const corpus: unknown = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(isRecord(corpus) && Array.isArray(corpus.data) && isRecord(corpus.data[0]));
    assert.ok(Array.isArray(corpus.data[0].utterances));
    corpus.data[0].utterances.push('what is in the piggy bank');
    writeFileSync(file, JSON.stringify(corpus));
    assert.deepEqual((await load(dirs)).events, ['nlu.cache.miss', 'nlu.trained']);
  });

  it('retrains over a truncated cache file, then uses the new one', async () => {
    const dirs = copyDirs(trained);
    writeFileSync(cacheFile(dirs), readFileSync(cacheFile(dirs)).subarray(0, 1000));
    assert.deepEqual((await load(dirs)).events, ['nlu.cache.miss', 'nlu.trained']);
    assert.deepEqual((await load(dirs)).events, ['nlu.cache.hit']);
  });

  it('retrains over a cached model whose weights do not fit its vocabulary', async () => {
    const dirs = copyDirs(trained);
    const cached: unknown = decodeFloatFile(readFileSync(cacheFile(dirs)));
    assert.ok(isRecord(cached) && Array.isArray(cached.models) && isRecord(cached.models[0]));
    assert.ok(isRecord(cached.models[0].vectorizer) && Array.isArray(cached.models[0].vectorizer.vocabulary));
    cached.models[0].vectorizer.vocabulary.pop();
    writeFileSync(cacheFile(dirs), encodeFloatFile(cached));
    assert.deepEqual((await load(dirs)).events, ['nlu.cache.miss', 'nlu.trained']);
  });
});

describe('model file (float-codec)', () => {
  const tree = {
    name: 'model',
    layers: [{ weights: new Float32Array([0.1, -2.5, 3e-8]), bias: new Float32Array([]) }],
    idf: new Float32Array([1 / 3, Math.PI]),
    words: ['a', 'b'],
  };

  it('reads back every array bit for bit, and everything else as it was', () => {
    const back = decodeFloatFile(encodeFloatFile(tree));
    assert.deepEqual(back, tree);
    assert.ok(isRecord(back) && back.idf instanceof Float32Array);
  });

  it('refuses another format, a truncated file and an array reaching past the floats', () => {
    const file = encodeFloatFile(tree);
    assert.throws(() => decodeFloatFile(Buffer.from(JSON.stringify({ name: 'model' }))), /not a model file/);
    assert.throws(() => decodeFloatFile(file.subarray(0, file.length - 2)), /truncated/);
    const header = Buffer.from(JSON.stringify({ idf: { float32: [4, 2] } }));
    const forged = Buffer.concat([file.subarray(0, file.indexOf(10) + 1), Buffer.alloc(4), header]);
    forged.writeUInt32LE(header.length, file.indexOf(10) + 1);
    const padded = Buffer.concat([forged, Buffer.alloc((4 - (forged.length % 4)) % 4), Buffer.alloc(8)]);
    assert.throws(() => decodeFloatFile(padded), /outside the floats/);
  });

  it('copies the floats when the file sits at an unaligned offset of a larger buffer', () => {
    const file = encodeFloatFile(tree);
    const shifted = Buffer.concat([Buffer.alloc(1), file]).subarray(1);
    assert.deepEqual(decodeFloatFile(shifted), tree);
  });
});
