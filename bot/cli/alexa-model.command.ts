import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runTypeScript } from './run-script.js';

const HELP = `Usage: bankbot alexa-model [--out <file>] [--invocation-name "<name>"] [--models <dir>]

Writes the Alexa en-US interaction model built from nlu-models/en (what npm run alexa:model
does) and prints its path; upload it in the Alexa developer console (see docs/channels.md).

  --out <file>              default test-output/alexa/interaction-model.en-US.json
  --invocation-name <name>  default "my bank"
  --models <dir>            default nlu-models

Exit codes: 0 written, 1 failed, 2 bad usage.`;

/** `bankbot alexa-model`: the Alexa interaction model CLI. */
export const alexaModelCommand: Command = {
  name: 'alexa-model',
  summary: 'write the Alexa interaction model from the corpora',
  help: HELP,
  run: (args) => {
    // Validated here so a typo gets this command's help and exit 2, then passed on unchanged.
    parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, 'invocation-name': { type: 'string' }, models: { type: 'string' } },
    });
    return runTypeScript('adapters/channels/alexa/model-cli.ts', args);
  },
};
