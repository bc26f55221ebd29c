import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isRecord, isStringArray } from './json-guards.js';

/**
 * Bump whenever training or features change, so that cached models trained by an older
 * classifier are never reused.
 */
export const CLASSIFIER_VERSION = 'bankbot-nlu-2';

export interface CorpusIntent {
  intent: string;
  /** Training sentences. */
  utterances: string[];
  /** Held-out sentences, never trained on: they measure the classifier. */
  tests: string[];
}

/** One `nlu-models/<language>/<dialog-id>.json` file. */
export interface Corpus {
  name: string;
  locale: string;
  /** Path of the file the corpus was read from. */
  file: string;
  data: CorpusIntent[];
}

const INTENT_NAME = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/** Two sentences that differ only in case or spacing count as the same sentence. */
function sentenceKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function parseIntent(raw: unknown, where: string): CorpusIntent {
  if (!isRecord(raw) || typeof raw.intent !== 'string' || !INTENT_NAME.test(raw.intent)) {
    throw new Error(`${where}: each data entry needs an "intent" named like "domain.action"`);
  }
  const { intent, utterances, tests } = raw;
  if (!isStringArray(utterances) || utterances.length === 0) {
    throw new Error(`${where}: intent ${intent} needs a non-empty "utterances" array of strings`);
  }
  if (!isStringArray(tests)) {
    throw new Error(`${where}: intent ${intent} needs a "tests" array of strings (held-out sentences)`);
  }
  if ([...utterances, ...tests].some((text) => sentenceKey(text) === '')) {
    throw new Error(`${where}: intent ${intent} has an empty sentence`);
  }
  return { intent, utterances, tests };
}

function parseCorpus(file: string): Corpus {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file}: not valid JSON (${reason})`, { cause: error });
  }
  if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.locale !== 'string') {
    throw new Error(`${file}: expected { "name": string, "locale": string, "data": [...] }`);
  }
  if (raw.name !== basename(file, '.json')) {
    throw new Error(`${file}: "name" is "${raw.name}" but the file is named ${basename(file)}`);
  }
  if (!Array.isArray(raw.data) || raw.data.length === 0) {
    throw new Error(`${file}: "data" must be a non-empty array of intents`);
  }
  const data = raw.data.map((entry: unknown) => parseIntent(entry, file));
  return { name: raw.name, locale: raw.locale, file, data };
}

/** Fails on the first sentence used twice, a test that is also trained on, or an intent in two places. */
function checkOverlaps(corpora: readonly Corpus[]): void {
  const owners = new Map<string, string>();
  const trained = new Map<string, string>();
  const tested = new Map<string, string>();
  for (const corpus of corpora) {
    for (const { intent, utterances, tests } of corpus.data) {
      const owner = owners.get(intent);
      if (owner !== undefined) {
        throw new Error(`${corpus.file}: intent ${intent} is already claimed by ${owner}`);
      }
      owners.set(intent, corpus.file);
      for (const text of utterances) {
        const previous = trained.get(sentenceKey(text));
        if (previous !== undefined) {
          throw new Error(`${corpus.file}: duplicated utterance "${text}" (${intent}; first in ${previous})`);
        }
        trained.set(sentenceKey(text), `${intent} in ${corpus.file}`);
      }
      for (const text of tests) {
        if (tested.has(sentenceKey(text))) {
          throw new Error(`${corpus.file}: duplicated test "${text}" (${intent})`);
        }
        tested.set(sentenceKey(text), `${corpus.file}: test "${text}" of ${intent}`);
      }
    }
  }
  for (const [key, test] of tested) {
    const training = trained.get(key);
    if (training !== undefined) throw new Error(`${test} is also a training utterance (${training})`);
  }
}

/**
 * Reads and validates every `<modelsDir>/<language>/*.json` corpus, sorted by name.
 * Throws an error naming the file on a bad shape, a duplicated utterance, a test that is
 * also a training utterance, or an intent claimed by two files.
 */
/** The languages with a corpus folder under `modelsDir` (`en`, `es`, ...), sorted. */
export function corpusLanguages(modelsDir: string): string[] {
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

export function loadCorpora(modelsDir: string, language: string): Corpus[] {
  const dir = join(modelsDir, language);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`${dir}: no corpus (*.json) found`);
  const corpora = files.map((name) => parseCorpus(join(dir, name)));
  for (const { file, locale } of corpora) {
    if (locale.split(/[-_]/)[0]?.toLowerCase() !== language) {
      throw new Error(`${file}: locale "${locale}" does not belong in the "${language}" directory`);
    }
  }
  checkOverlaps(corpora);
  return corpora;
}

/**
 * A sha256 over what the model is trained from plus CLASSIFIER_VERSION: the cache key of a
 * trained model. The file's directory is left out, so a copied corpus hashes the same.
 */
export function corporaHash(corpora: readonly Corpus[]): string {
  const content = corpora.map(({ name, locale, file, data }) => ({
    name,
    locale,
    file: basename(file),
    data,
  }));
  return createHash('sha256')
    .update(JSON.stringify({ version: CLASSIFIER_VERSION, corpora: content }))
    .digest('hex');
}
