import { spawn } from 'node:child_process';

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

/**
 * Runs a command with its output held back while a progress line with the elapsed time turns on
 * stderr (only on a terminal), then prints the output; resolves to the exit code.
 */
export function runWithProgress(label: string, command: string, args: readonly string[]): Promise<number> {
  const started = Date.now();
  const live = process.stderr.isTTY === true;
  let frame = 0;
  const tick = (): void => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\r${FRAMES[frame++ % FRAMES.length] ?? ''} ${label} ${seconds} s`);
  };
  const timer = live ? setInterval(tick, 100) : undefined;
  if (!live) process.stderr.write(`${label}...\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? '✔' : '✖';
      process.stderr.write(`${live ? '\r\x1b[K' : ''}${status} ${label} (${seconds} s)\n`);
      process.stdout.write(Buffer.concat(out));
      process.stderr.write(Buffer.concat(err));
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
