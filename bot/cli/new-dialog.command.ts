import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { loadCorpora } from '../nlu/corpus.js';
import { UsageError, type Command, EXIT } from './command.js';
import { dialogCorpus } from './dialog-corpus.js';
import { dialogSource, registerDialog, transcriptSource } from './dialog-files.js';
import { dialogNames, type DialogNames } from './dialog-names.js';
import { withFields } from '../objects.js';

const HELP = `Usage: bankbot new dialog <id> [--models <dir>]

Writes a new dialog that answers at once and passes the tests:
  nlu-models/en/<id>.json              the intent <domain>.<action> (loan-payoff -> loan.payoff),
                                       26 training sentences and 10 held-out tests
  dialogs/<id>.dialog.ts               the dialog, answering with a placeholder sentence
  test/transcripts/<id>.transcript.yml one conversation asserting the intent and the answer
  dialogs/index.ts                     the import and the registration line

<id> is kebab-case (loan-payoff) and must not exist yet. Then edit the answer and run npm test
(see docs/first-dialog.md). Exit codes: 0 written, 1 invalid corpora, 2 bad id or usage.`;

/** Formats a generated file like the rest of the repository (Prettier's own config). */
async function pretty(path: string, text: string): Promise<string> {
  const options = (await resolveConfig(path)) ?? {};
  return format(text, withFields(options, { filepath: path }));
}

function namesOf(id: string): DialogNames {
  try {
    return dialogNames(id);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function newDialog(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { models: { type: 'string', default: 'nlu-models' } },
    allowPositionals: true,
  });
  const [kind, id, ...rest] = positionals;
  if (kind !== 'dialog' || id === undefined || rest.length > 0) {
    throw new UsageError('expected: bankbot new dialog <id>');
  }
  const names = namesOf(id);
  const files = {
    corpus: `${values.models}/en/${id}.json`,
    dialog: `dialogs/${id}.dialog.ts`,
    transcript: `test/transcripts/${id}.transcript.yml`,
    index: 'dialogs/index.ts',
  };
  for (const path of [files.corpus, files.dialog, files.transcript]) {
    if (existsSync(path)) throw new UsageError(`${path} already exists: the dialog "${id}" is taken`);
  }
  const corpora = loadCorpora(values.models, 'en');
  const owner = corpora.find((corpus) => corpus.data.some((entry) => entry.intent === names.intent));
  if (owner) throw new UsageError(`the intent ${names.intent} already belongs to ${owner.file}`);
  const index = readFileSync(files.index, 'utf8');
  if (new RegExp(`\\b${names.exportName}\\b`).test(index)) {
    throw new UsageError(`${files.index} already has a ${names.exportName}`);
  }

  const taken = new Set(
    corpora.flatMap((corpus) => corpus.data.flatMap((d) => [...d.utterances, ...d.tests])),
  );
  const corpus = dialogCorpus(names, taken);
  const [, , example = names.phrase] = corpus.data[0]?.utterances ?? [];
  const written: [string, string][] = [
    [files.corpus, `${JSON.stringify(corpus, null, 2)}\n`],
    [files.dialog, dialogSource(names, example)],
    [files.transcript, transcriptSource(names, example)],
    [files.index, registerDialog(index, names)],
  ];
  for (const [path, text] of written) writeFileSync(path, await pretty(path, text));
  console.log(`new dialog ${id} (intent ${names.intent}):`);
  for (const [path] of written) console.log(`  ${path === files.index ? 'updated' : 'created'} ${path}`);
  console.log(`Next: edit the answer in ${files.dialog} and the transcript, then run npm test.`);
  return EXIT.ok;
}

/** `bankbot new dialog <id>`: scaffolds a dialog's corpus, code, transcript and registration. */
export const newCommand: Command = {
  name: 'new',
  summary: 'new dialog <id>: write a dialog, its corpus, transcript and registration',
  help: HELP,
  run: newDialog,
};
