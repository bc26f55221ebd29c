import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runWithProgress } from './run-script.js';

const HELP = `Usage: bankbot train [--models <dir>] [--cache <dir>]

Trains the intent classifier on nlu-models/ (what npm run nlu:train does), or finds it already
cached for these exact corpora. On a terminal, stderr shows a progress bar of the training
rounds (cross-validation folds, then the final model) over every language.

  --models <dir>  corpora directory (default nlu-models)
  --cache <dir>   model cache (default <models>/.cache)

Exit codes: 0 trained or cached, 1 a corpus is invalid or training failed, 2 bad usage.`;

/** `bankbot train`: the NLU training CLI with a progress bar. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the NLU from nlu-models/ (or reuse the cached model)',
  help: HELP,
  run: (args) => {
    const { values } = parseArgs({
      args: [...args],
      options: { models: { type: 'string' }, cache: { type: 'string' } },
    });
    const models = values.models ?? 'nlu-models';
    const paths = values.cache ? [models, values.cache] : [models];
    return runWithProgress('training the NLU', process.execPath, [
      '--import',
      'tsx',
      'bot/nlu/train-cli.ts',
      ...paths,
    ]);
  },
};
