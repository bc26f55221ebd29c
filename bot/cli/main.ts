/**
 * `bankbot <command>`: the developer CLI (bin: bot/cli/bankbot.js). Every command runs in the
 * project root, whatever the current directory, and exits 0 on success, 1 on failure, 2 on a
 * wrong invocation.
 */
import { dirname, resolve } from 'node:path';
import { alexaModelCommand } from './alexa-model.command.js';
import { chatCommand } from './chat.command.js';
import { EXIT, UsageError, wantsHelp, type Command } from './command.js';
import { doctorCommand } from './doctor.command.js';
import { evalCommand } from './eval.command.js';
import { newCommand } from './new-dialog.command.js';
import { testCommand } from './test.command.js';
import { trainCommand } from './train.command.js';

const COMMANDS: readonly Command[] = [
  chatCommand,
  trainCommand,
  testCommand,
  evalCommand,
  newCommand,
  alexaModelCommand,
  doctorCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: bankbot <command> [options]

Commands:
${lines.join('\n')}

Run "bankbot <command> --help" for a command's options.`;
}

async function main(argv: readonly string[]): Promise<number> {
  process.chdir(resolve(dirname(import.meta.dirname), '..'));
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`bankbot: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  if (wantsHelp(args)) {
    console.log(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      // parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code on unknown or malformed options.
      console.error(`bankbot ${name}: ${error.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    console.error(`bankbot ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

// Exit explicitly: a Redis client or an NLU worker left open must not keep the CLI running.
process.exit(await main(process.argv.slice(2)));
