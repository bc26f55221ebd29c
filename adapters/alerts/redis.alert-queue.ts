import type { AlertQueue, DeadLetter, QueueEntry } from '../../bot/ports/alert-queue.port.js';
import { sendRaw } from '../storage/redis-client.js';
import type { RedisStorage } from '../storage/redis.storage.js';

export interface RedisAlertQueueOptions {
  /** The Redis storage whose connection, prefix and timeouts the queue shares. */
  readonly redis: Pick<RedisStorage, 'prefix' | 'command'>;
  /** Consumer group name (default `bankbot-alerts`). */
  readonly group?: string;
  /** Entries kept in the dead-letter stream at most (approximately). */
  readonly deadLetterLimit?: number;
}

type Raw = unknown;
/** How many XAUTOCLAIM pages one claim reads at most. */
const CLAIM_PAGES = 10;

/** `[id, [field, value, ...]]` entries as QueueEntry, skipping entries whose data was deleted (nil). */
function entriesOf(raw: Raw): QueueEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: Raw) => {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Array.isArray(item[1])) return [];
    const fields = item[1] as Raw[];
    const index = fields.indexOf('alert');
    const alertId = index >= 0 ? fields[index + 1] : undefined;
    return typeof alertId === 'string' ? [{ entryId: item[0], alertId }] : [];
  });
}

/**
 * The alert queue as a Redis Stream with one consumer group: XADD, XREADGROUP, XACK + XDEL,
 * XAUTOCLAIM for entries a dead instance left pending, and a dead-letter stream. Entries hold the
 * alert id only. Reads never block (the connection is shared), so the worker polls.
 */
export function createRedisAlertQueue(options: RedisAlertQueueOptions): AlertQueue {
  const { redis } = options;
  const stream = `${redis.prefix}alerts:stream`;
  const deadStream = `${redis.prefix}alerts:dead`;
  const group = options.group ?? 'bankbot-alerts';
  const maxDead = String(options.deadLetterLimit ?? 100_000);
  const keyOf = (args: string[]): string => (args.includes(deadStream) ? deadStream : stream);
  const send = (args: string[]): Promise<Raw> => redis.command((c) => sendRaw(c, keyOf(args), args));
  let ready: Promise<void> | undefined;

  const ensureGroup = (): Promise<void> => {
    ready ??= send(['XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM']).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return;
        ready = undefined;
        throw error;
      },
    );
    return ready;
  };

  // Delete, then acknowledge: an instance dying in between leaves a pending id without data, which
  // the next XAUTOCLAIM reports as deleted and acknowledges. The other order would leave data behind.
  const ack = async (entryIds: readonly string[]): Promise<void> => {
    if (entryIds.length === 0) return;
    await send(['XDEL', stream, ...entryIds]);
    await send(['XACK', stream, group, ...entryIds]);
  };

  return {
    async add(alertId) {
      await ensureGroup();
      return String(await send(['XADD', stream, '*', 'alert', alertId]));
    },
    async read(consumer, count) {
      await ensureGroup();
      const raw = await send([
        'XREADGROUP',
        'GROUP',
        group,
        consumer,
        'COUNT',
        String(count),
        'STREAMS',
        stream,
        '>',
      ]);
      // node-redis answers `{ [stream]: entries }`; the wire's `[[stream, entries]]` is read as well.
      if (Array.isArray(raw)) return Array.isArray(raw[0]) ? entriesOf((raw[0] as Raw[])[1]) : [];
      if (raw instanceof Map) return entriesOf(raw.get(stream));
      return raw && typeof raw === 'object' ? entriesOf((raw as Record<string, Raw>)[stream]) : [];
    },
    async claim(consumer, minIdleMs, count) {
      await ensureGroup();
      const claimed: QueueEntry[] = [];
      let cursor = '0-0';
      for (let page = 0; page < CLAIM_PAGES && claimed.length < count; page += 1) {
        const want = String(count - claimed.length);
        const raw = await send([
          'XAUTOCLAIM',
          stream,
          group,
          consumer,
          String(minIdleMs),
          cursor,
          'COUNT',
          want,
        ]);
        if (!Array.isArray(raw)) break;
        claimed.push(...entriesOf(raw[1]));
        // Entries deleted while pending (forget-me) leave only their id: acknowledge them away.
        const deleted = Array.isArray(raw[2]) ? (raw[2] as Raw[]).filter((id) => typeof id === 'string') : [];
        if (deleted.length > 0) await send(['XACK', stream, group, ...(deleted as string[])]);
        cursor = typeof raw[0] === 'string' ? raw[0] : '0-0';
        if (cursor === '0-0') break;
      }
      return claimed;
    },
    async touch(consumer, entryIds) {
      if (entryIds.length === 0) return;
      await send(['XCLAIM', stream, group, consumer, '0', ...entryIds, 'JUSTID']);
    },
    ack: (entryId) => ack([entryId]),
    async deadLetter(entry, reason) {
      const id = await send([
        'XADD',
        deadStream,
        'MAXLEN',
        '~',
        maxDead,
        '*',
        'alert',
        entry.alertId,
        'reason',
        reason,
      ]);
      await ack([entry.entryId]);
      return String(id);
    },
    async deadLetters(count) {
      const raw = await send(['XRANGE', deadStream, '-', '+', 'COUNT', String(count)]);
      if (!Array.isArray(raw)) return [];
      return raw.flatMap((item: Raw): DeadLetter[] => {
        if (!Array.isArray(item) || !Array.isArray(item[1])) return [];
        const fields = item[1] as Raw[];
        const get = (name: string): string => String(fields[fields.indexOf(name) + 1] ?? '');
        return [{ entryId: String(item[0]), alertId: get('alert'), reason: get('reason') }];
      });
    },
    async remove({ queued, dead }) {
      let removed = 0;
      if (queued.length > 0) {
        await ensureGroup();
        removed += Number(await send(['XDEL', stream, ...queued]));
        await send(['XACK', stream, group, ...queued]);
      }
      if (dead.length > 0) removed += Number(await send(['XDEL', deadStream, ...dead]));
      return removed;
    },
  };
}
