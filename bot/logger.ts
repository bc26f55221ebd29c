import { pino, type Logger } from 'pino';
import { scrubObject, scrubText } from './log-scrub.js';

export type { Logger };

/**
 * Paths that must never reach a log line even if someone passes a whole object. Logs carry codes
 * and ids; these catch mistakes.
 */
const REDACT = [
  'text',
  '*.text',
  'speak',
  '*.speak',
  'value',
  '*.value',
  'amount',
  '*.amount',
  'balance',
  '*.balance',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface LoggerOptions {
  readonly level: string;
  /** File descriptor or stream; logs go to stderr by default so stdout stays the chat. */
  readonly destination?: number | NodeJS.WritableStream;
}

/** Structured JSON logs with redaction. Create one in the composition root and pass it down. */
export function createLogger(options: LoggerOptions): Logger {
  // Asynchronous: a turn never waits on a write to the log's file descriptor (pino flushes it at exit).
  const destination =
    typeof options.destination === 'object'
      ? options.destination
      : pino.destination({ dest: options.destination ?? 2, sync: false });
  return pino(
    {
      level: options.level,
      base: { service: 'bankbot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Path redaction catches known fields; pattern scrubbing catches values that slipped in elsewhere.
      formatters: { log: (object) => scrubObject(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
