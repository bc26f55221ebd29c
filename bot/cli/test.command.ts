import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { runTypeScript } from './run-script.js';

const HELP = `Usage: bankbot test [pattern ...]

Runs the test files whose path contains one of the patterns (default: transcripts, i.e. every
transcript on every channel) with node's test runner, like npm test does for all of them.

  bankbot test                 the transcript suite
  bankbot test consistency     the dialog registry check
  bankbot test nlu transcripts the NLU tests and the transcripts

Exit codes: 0 every test passes, 1 a test fails or no file matches.`;

/** `bankbot test [pattern]`: test/run.ts with a filter. */
export const testCommand: Command = {
  name: 'test',
  summary: 'test [pattern]: run the tests matching pattern (default: the transcripts)',
  help: HELP,
  run: (args) => {
    const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true });
    return runTypeScript('test/run.ts', positionals.length > 0 ? positionals : ['transcripts']);
  },
};
