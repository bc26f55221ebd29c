/**
 * `npm run nlu:train [modelsDir] [cacheDir]`: trains the intent classifier on every language
 * directory of modelsDir (default nlu-models), or finds it already cached in cacheDir (default
 * <modelsDir>/.cache), and prints what it did. Exits 1 with the reason when a corpus is invalid.
 */
import { join } from 'node:path';
import { corpusLanguages, loadCorpora } from './corpus.js';
import { loadIntentClassifier } from './intent-classifier.js';
import type { NluEvent } from './intent-classifier.js';
import { reportProgress } from './progress-report.js';

async function main(): Promise<void> {
  const [modelsDir = 'nlu-models', cacheDir = join(modelsDir, '.cache')] = process.argv.slice(2);
  const languages = corpusLanguages(modelsDir);
  const events = new Map<NluEvent, { hash: string; ms: number }>();
  const classifier = await loadIntentClassifier({
    modelsDir,
    cacheDir,
    languages,
    onEvent: (event, detail) => events.set(event, detail),
    onProgress: ({ done, total, language }) => reportProgress(`training ${language}`, done, total),
  });
  const utterances = languages
    .flatMap((language) => loadCorpora(modelsDir, language))
    .reduce((sum, corpus) => sum + corpus.data.reduce((n, { utterances: lines }) => n + lines.length, 0), 0);
  const trained = events.get('nlu.trained');
  const hit = events.get('nlu.cache.hit');
  const hash = trained?.hash ?? hit?.hash ?? '';
  const how = trained
    ? `trained in ${trained.ms.toFixed(0)} ms`
    : `loaded from cache in ${hit?.ms.toFixed(0)} ms`;
  console.log(
    `nlu: ${languages.join(', ')}: ${classifier.intents.length} intents, ${utterances} utterances, ` +
      `hash ${hash.slice(0, 12)}, ${how}`,
  );
}

main().catch((error: unknown) => {
  console.error(`nlu: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
