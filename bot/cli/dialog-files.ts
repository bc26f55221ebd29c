import type { DialogNames } from './dialog-names.js';

/** The placeholder answer of a new dialog: plain words, so every channel shows and speaks it alike. */
export function placeholderAnswer(names: DialogNames): string {
  return `I can help with your ${names.phrase}. This is a placeholder answer that the team replaces with the real one.`;
}

/** `dialogs/<id>.dialog.ts`: one step that sends the placeholder answer (the phrase has no quotes). */
export function dialogSource(names: DialogNames, example: string): string {
  return `import type { DialogModule } from '../bot/dialog-module.js';
import { oneStep } from '../bot/one-step-dialog.js';
import { reply } from '../bot/reply.js';

/**
 * "${example}". For now it answers with a placeholder: replace it with the real answer.
 * The answer gets the turn (bot/turn.ts: the customer and what the NLU recognised), and
 * \`create({ bank })\` gives the bank (see docs/first-dialog.md).
 */
export const ${names.exportName}: DialogModule = {
  id: '${names.id}',
  intents: ['${names.intent}'],
  create: () => oneStep('${names.id}', async () => reply('${placeholderAnswer(names)}')),
};
`;
}

/**
 * `test/transcripts/<id>.transcript.yml`: one conversation asserting the intent and the answer.
 * The answer is a folded block (`>-`), so the team can write any sentence there (": ", "#",
 * quotes) without YAML escaping; the id's words and the example hold letters and spaces only.
 */
export function transcriptSource(names: DialogNames, example: string): string {
  return `dialog: ${names.id}
conversations:
  - name: a question about the ${names.phrase} gets its answer
    steps:
      - user: ${example}
        intent: ${names.intent}
        bot: >-
          ${placeholderAnswer(names)}
`;
}

const IMPORT = /^import \{ (\w+) \} from '(\.\/[^']+)';$/;

/**
 * dialogs/index.ts with the new dialog imported (in path order, like the others) and appended to
 * the `dialogs` list. Throws when the file no longer has the shape this expects.
 */
export function registerDialog(index: string, names: DialogNames): string {
  const lines = index.split('\n');
  const path = `./${names.id}.dialog.js`;
  const importLine = `import { ${names.exportName} } from '${path}';`;
  const imports = lines.flatMap((line, at) => {
    const match = IMPORT.exec(line);
    return match?.[2] ? [{ at, path: match[2] }] : [];
  });
  const last = imports.at(-1);
  if (!last) throw new Error('dialogs/index.ts: no dialog import found');
  const after = imports.find((entry) => entry.path > path);
  lines.splice(after ? after.at : last.at + 1, 0, importLine);
  const start = lines.findIndex((line) => line.startsWith('export const dialogs'));
  const end = lines.findIndex((line, at) => at > start && line.startsWith('];'));
  if (start < 0 || end < 0) throw new Error('dialogs/index.ts: the `dialogs` list was not found');
  lines.splice(end, 0, `  ${names.exportName},`);
  return lines.join('\n');
}
