import { spawn } from 'node:child_process';
import { isProgressMessage, type ProgressMessage } from '../nlu/progress-report.js';

/** Runs a command with the terminal attached; resolves to its exit code (1 when killed by a signal). */
export function runAttached(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `node --import tsx <script> ...args`: how every TypeScript entry of the project runs. */
export function runTypeScript(script: string, args: readonly string[]): Promise<number> {
  return runAttached(process.execPath, ['--import', 'tsx', script, ...args]);
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 24;

export interface ProgressState {
  readonly label: string;
  readonly seconds: number;
  readonly frame: number;
  /** The job's last report, once it has sent one. */
  readonly step?: ProgressMessage['progress'];
}

/**
 * The live progress line: a spinner and the elapsed time, and once the job reports how far it has
 * got, a bar with the share done and the step it is on.
 *
 * @example
 * progressLine({ label: 'training the NLU', seconds: 3.2, frame: 0, step: { label: 'training en', done: 3, total: 6 } })
 * // '⠋ training the NLU ████████████░░░░░░░░░░░░  50% training en 3.2 s'
 */
export function progressLine(state: ProgressState): string {
  const spinner = FRAMES[state.frame % FRAMES.length] ?? '';
  const seconds = `${state.seconds.toFixed(1)} s`;
  if (!state.step || state.step.total <= 0) return `${spinner} ${state.label} ${seconds}`;
  const share = Math.min(1, Math.max(0, state.step.done / state.step.total));
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `${spinner} ${state.label} ${bar} ${percent} ${state.step.label} ${seconds}`;
}

export interface ProgressOutput {
  /** Where the progress line goes (stderr). */
  readonly stream: NodeJS.WritableStream;
  /** Redraw one line in place (a terminal); otherwise a line at the start and one at the end. */
  readonly live: boolean;
}

/**
 * Runs a command with its output held back while a progress line turns on stderr (only on a
 * terminal): a spinner with the elapsed time, and a progress bar once the command reports its
 * progress over an IPC channel (bot/nlu/progress-report.ts). Then prints the output; resolves to
 * the exit code.
 */
export function runWithProgress(
  label: string,
  command: string,
  args: readonly string[],
  output: ProgressOutput = { stream: process.stderr, live: process.stderr.isTTY === true },
): Promise<number> {
  const { stream, live } = output;
  const started = Date.now();
  let frame = 0;
  let step: ProgressMessage['progress'] | undefined;
  const draw = (): void => {
    const seconds = (Date.now() - started) / 1000;
    stream.write(`\r\x1b[K${progressLine({ label, seconds, frame: frame++, ...(step ? { step } : {}) })}`);
  };
  const timer = live ? setInterval(draw, 100) : undefined;
  if (!live) stream.write(`${label}...\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('message', (message: unknown) => {
      if (!isProgressMessage(message)) return;
      step = message.progress;
      if (live) draw();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? '✔' : '✖';
      stream.write(`${live ? '\r\x1b[K' : ''}${status} ${label} (${seconds} s)\n`);
      process.stdout.write(Buffer.concat(out));
      process.stderr.write(Buffer.concat(err));
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
