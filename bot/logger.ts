import { pino, type Logger } from 'pino';
import { scrubObject, scrubText } from './log-scrub.js';
import { withFields } from './objects.js';

export type { Logger };

export interface LoggerOptions {
  readonly level: string;
  /** File descriptor or stream; logs go to stderr by default so stdout stays the chat. */
  readonly destination?: number | NodeJS.WritableStream;
}

/** Structured JSON logs with redaction. Create one in the composition root and pass it down. */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    typeof options.destination === 'object'
      ? options.destination
      : bufferedDestination(options.destination ?? 2);
  return pino(
    {
      level: options.level,
      base: { service: 'bankbot' },
      timestamp: isoTime,
      // One pass per line: fields named in REDACTED_KEYS are censored at any depth, and every other
      // string is pattern-scrubbed (log-scrub.ts). No pino `redact` paths: they would walk the
      // object a second time and are less strict (top level and one level down only).
      formatters: { log: (object) => scrubObject(object) as Record<string, unknown> },
      // Errors arrive plain (withPlainErrors); pino's own err serializer would rename their type to Object.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          // Scrubs the message and string format arguments in place (`args` is pino's own array),
          // and turns logged Errors into plain scrubbed fields before pino sees them: given an
          // Error and no message, pino makes the Error's own message the line's `msg`, after the
          // formatter has run.
          const params = args as unknown[];
          for (let i = 0; i < params.length; i += 1) {
            const arg = params[i];
            if (typeof arg === 'string') params[i] = scrubText(arg);
            else if (i === 0) params[0] = withPlainErrors(arg);
          }
          method.apply(this, args);
        },
      },
    },
    destination,
  );
}

/** An Error as log fields: its class, a string code when it has one, message and stack scrubbed. */
function plainError(error: Error): Record<string, string> {
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: scrubText(error.message),
    ...(error.stack ? { stack: scrubText(error.stack) } : {}),
  };
}

/** The first argument of a log call with an Error (itself, or as `err` / `error`) made plain. */
function withPlainErrors(arg: unknown): unknown {
  if (arg instanceof Error) return { err: plainError(arg) };
  if (typeof arg !== 'object' || arg === null) return arg;
  const { err, error } = arg as { err?: unknown; error?: unknown };
  if (!(err instanceof Error) && !(error instanceof Error)) return arg;
  return withFields(
    arg,
    err instanceof Error ? { err: plainError(err) } : undefined,
    error instanceof Error ? { error: plainError(error) } : undefined,
  );
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * pino's `isoTime` (`,"time":"2026-11-21T15:00:00.123Z"`) without a Date per line: the text up
 * to the seconds is made once per second and the milliseconds appended.
 */
export function isoTime(now: number = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== isoSecond) {
    const iso = new Date(second * 1000).toISOString();
    // Everything up to and including the '.' before the milliseconds ("000Z").
    isoPrefix = `,"time":"${iso.slice(0, -4)}`;
    isoSecond = second;
  }
  const ms = now - second * 1000;
  return `${isoPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
}

/** Lines are handed to the file descriptor in batches of about 4 KB, at least every FLUSH_MS and at exit. */
const BUFFER_CHARS = 4096;
const FLUSH_MS = 250;

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * pino's stream: lines are collected in an array and joined into one string per batch for an
 * asynchronous sonic-boom (pino's own destination, which keeps its EAGAIN, EPIPE and exit
 * handling). sonic-boom batching by itself (`minLength`) measures the UTF-8 length of its pending
 * string on every line, flattening a string that grows to 16 KB while a write is in flight: about
 * 7 KB allocated and copied per line under load. Here a line costs an array push.
 */
class LineBatch {
  private lines: string[] = [];
  private chars = 0;

  constructor(private readonly sink: SonicBoom) {
    drainLater(this);
  }

  write(line: string): boolean {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BUFFER_CHARS) this.drain();
    return true;
  }

  /** Hands the pending lines to the sink as one string. */
  drain(): void {
    if (this.chars === 0) return;
    const batch = this.lines.length === 1 ? this.lines[0]! : this.lines.join('');
    this.lines = [];
    this.chars = 0;
    this.sink.write(batch);
  }

  flush(callback?: (error?: Error) => void): void {
    this.drain();
    this.sink.flush(callback);
  }

  flushSync(): void {
    this.drain();
    this.sink.flushSync();
  }

  end(): void {
    this.drain();
    batches.delete(this);
    this.sink.end();
  }
}

const batches = new Set<LineBatch>();

/** One timer and one pair of exit hooks drain every batch; the hooks run before pino's own, which flush the sinks. */
function drainLater(batch: LineBatch): void {
  if (batches.size === 0) {
    const drainAll = (): void => batches.forEach((each) => each.drain());
    setInterval(drainAll, FLUSH_MS).unref();
    process.prependListener('exit', drainAll);
    process.prependListener('beforeExit', drainAll);
  }
  batches.add(batch);
}

/**
 * Asynchronous and batched: a turn never waits on the log's file descriptor, and a busy server
 * makes one write per few dozen lines instead of one per line.
 */
function bufferedDestination(fd: number): LineBatch {
  return new LineBatch(pino.destination({ dest: fd, sync: false, minLength: 0 }));
}

/** A logger that writes nothing, for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
