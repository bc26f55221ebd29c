/**
 * `npm run nlu:report [-- --models dir] [--cache dir] [--out file.html]`: evaluates the shipped
 * corpora on their held-out tests (per-intent precision, recall and F1, the confusion matrix, the
 * same tests with typos), prints a summary and writes an HTML report (default
 * test-output/nlu-report.html). Exits 1 when a language answers under 90% of its tests right.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusLanguages, loadCorpora } from './corpus.js';
import { loadIntentClassifier } from './intent-classifier.js';
import { reportProgress } from './progress-report.js';
import { reportLanguage } from './report.js';
import { renderReport } from './report-html.js';

/** Below this share of held-out tests right, the report fails. */
const PASS = 0.9;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { models: { type: 'string' }, cache: { type: 'string' }, out: { type: 'string' } },
  });
  const modelsDir = values.models ?? 'nlu-models';
  const out = values.out ?? 'test-output/nlu-report.html';
  const languages = corpusLanguages(modelsDir);
  const cacheDir = values.cache ?? join(modelsDir, '.cache');
  const classifier = await loadIntentClassifier({
    modelsDir,
    cacheDir,
    languages,
    onProgress: ({ done, total, language }) => reportProgress(`training ${language}`, done, total),
  });
  const tests = new Map(
    languages.map((language) => [
      language,
      loadCorpora(modelsDir, language).reduce(
        (sum, corpus) => sum + corpus.data.reduce((n, entry) => n + entry.tests.length, 0),
        0,
      ),
    ]),
  );
  const total = [...tests.values()].reduce((sum, count) => sum + count, 0);
  let tested = 0;
  const reports = [];
  for (const language of languages) {
    const onTested = (): void => reportProgress(`evaluating ${language}`, (tested += 1), total);
    reports.push(await reportLanguage(classifier, modelsDir, language, onTested));
  }
  const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;
  for (const { language, metrics, accuracy, typoAccuracy, tests } of reports) {
    console.log(
      `${language}: ${tests} held-out tests, ${pct(accuracy)} right (in scope ${pct(metrics.inScopeAccuracy)}, ` +
        `out-of-scope recall ${pct(metrics.oosRecall)}, macro-F1 ${pct(metrics.macroF1)}, with typos ${pct(typoAccuracy)})`,
    );
    for (const m of metrics.perIntent) {
      console.log(
        `  ${m.intent.padEnd(24)} P ${pct(m.precision).padStart(6)}  R ${pct(m.recall).padStart(6)}  ` +
          `F1 ${pct(m.f1).padStart(6)}  n ${m.support}`,
      );
    }
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderReport(reports, new Date()));
  console.log(`report: ${out}`);
  return reports.every(({ accuracy }) => accuracy >= PASS) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`nlu:report: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
