import { existsSync, readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { EXIT } from './command.js';
import { runWithProgress } from './run-script.js';

const REPORT_CLI = 'bot/nlu/report-cli.ts';

const HELP = `Usage: bankbot eval [options of the report]

Runs the NLU evaluation report (npm run nlu:report: accuracy on the held-out tests, per intent,
with the confusions). On a terminal, stderr shows a progress bar of the held-out tests (and of
training first, when the model is not cached). Options are passed to the report.

Exit codes: the report's own (0 when it passes), 2 when the report is not available.`;

function hasReportScript(): boolean {
  const manifest: unknown = JSON.parse(readFileSync('package.json', 'utf8'));
  const scripts =
    typeof manifest === 'object' && manifest !== null && 'scripts' in manifest ? manifest.scripts : undefined;
  return typeof scripts === 'object' && scripts !== null && 'nlu:report' in scripts;
}

/** `bankbot eval`: the NLU report, when the project has one. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate the NLU on the held-out tests (npm run nlu:report)',
  help: HELP,
  run: async (args) => {
    if (!hasReportScript() || !existsSync(REPORT_CLI)) {
      console.error(`bankbot eval: the NLU report (npm run nlu:report, ${REPORT_CLI}) is not available yet`);
      return EXIT.usage;
    }
    return runWithProgress('evaluating the NLU', process.execPath, ['--import', 'tsx', REPORT_CLI, ...args]);
  },
};
