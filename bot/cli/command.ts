/** Exit codes of every `bankbot` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One `bankbot <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** Thrown for a wrong invocation: the CLI prints the message and the command's help, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** True when the arguments ask for help. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
