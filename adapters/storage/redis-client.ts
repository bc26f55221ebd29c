import { createClient } from 'redis';
import { StorageError } from './storage-error.js';

const BASE_RECONNECT_DELAY_MS = 50;
const MAX_RECONNECT_DELAY_MS = 1000;

// Retrying forever, but never more often than once a second, is what lets the bot heal on its own.
const reconnectDelay = (retries: number): number =>
  Math.round(
    Math.min(BASE_RECONNECT_DELAY_MS * 2 ** retries, MAX_RECONNECT_DELAY_MS) * (0.5 + Math.random() / 2),
  );

/** The one long-lived connection a Redis storage uses, tuned to fail fast rather than queue. */
export const createStorageClient = (url: string, timeoutMs: number) =>
  createClient({
    url,
    // Without this, commands issued while Redis is down wait in memory instead of failing fast.
    disableOfflineQueue: true,
    // The client's own timeout only covers the wait before a command is written; see withTimeout.
    commandOptions: { timeout: timeoutMs },
    socket: { connectTimeout: timeoutMs, reconnectStrategy: reconnectDelay },
  });

export type StorageClient = ReturnType<typeof createStorageClient>;

/**
 * Rejects with a timeout `StorageError` when `promise` has not settled after `ms`.
 *
 * @remarks
 * node-redis stops timing a command once it is on the wire, so a server that accepts the
 * connection but never answers (paused, swapping, partitioned) would hang the turn without this.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageError('timeout')), ms);
  });
  // The loser of the race may still settle later; its rejection is already accounted for.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
