import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/logger.js';

export interface CapturedLogs {
  /** The product logger (redaction and scrubbing included), writing to memory. */
  readonly logger: Logger;
  /** Every line as written. */
  readonly lines: string[];
  /** Every line parsed. */
  readonly events: Record<string, unknown>[];
}

/** The product logger writing its JSON lines to memory, for tests that read logs back. */
export function captureLogs(level = 'info'): CapturedLogs {
  const lines: string[] = [];
  const events: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        events.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ level, destination: sink }), lines, events };
}
