import { Deadlines } from '../../bot/deadlines.js';
import { createClient, createCluster } from 'redis';
import { StorageError } from './storage-error.js';
import { withFields } from '../../bot/objects.js';

const BASE_RECONNECT_DELAY_MS = 50;
const MAX_RECONNECT_DELAY_MS = 1000;

// Retrying forever, but never more often than once a second, is what lets the bot heal on its own.
const reconnectDelay = (retries: number): number =>
  Math.round(
    Math.min(BASE_RECONNECT_DELAY_MS * 2 ** retries, MAX_RECONNECT_DELAY_MS) * (0.5 + Math.random() / 2),
  );

/** Where the storage's Redis is: one server, or a Redis Cluster reached through one of its nodes. */
export interface RedisTarget {
  /** `redis[s]://[[user][:password]@]host[:port][/db]`; for a cluster, any one node (the rest are discovered). */
  readonly url: string;
  /** Talk Redis Cluster: commands are routed to the node owning each key's slot. */
  readonly cluster?: boolean;
}

/** The connection settings every node gets: fail fast rather than queue, reconnect in the background. */
const connectionOptions = (timeoutMs: number) => ({
  // Without this, commands issued while Redis is down wait in memory instead of failing fast.
  disableOfflineQueue: true,
  // Off (0): node-redis would time only the wait before a command is written, and through an
  // AbortSignal.timeout per command whose timer outlives the command (5 s by default): under load
  // that is tens of MB of short-lived garbage promoted to the old generation, and long GC pauses.
  // withTimeout bounds every command instead, written or not.
  commandOptions: { timeout: 0 },
  socket: { connectTimeout: timeoutMs, reconnectStrategy: reconnectDelay },
});

const createSingle = (url: string, timeoutMs: number) =>
  createClient({ url, ...connectionOptions(timeoutMs) });

/** Credentials and TLS of the seed URL apply to every discovered node (node-redis does not carry them over). */
function createClusterClient(url: string, timeoutMs: number) {
  const { username, password, protocol } = new URL(url);
  return createCluster({
    rootNodes: [{ url }],
    defaults: withFields(
      connectionOptions(timeoutMs),
      username ? { username: decodeURIComponent(username) } : {},
      password ? { password: decodeURIComponent(password) } : {},
      {
        socket: {
          connectTimeout: timeoutMs,
          reconnectStrategy: reconnectDelay,
          ...(protocol === 'rediss:' ? { tls: true as const } : {}),
        },
      },
    ),
  });
}

type ClusterClient = ReturnType<typeof createClusterClient>;
/** A single-server client and a cluster client take the same commands; the storage adapters use either. */
export type StorageClient = ReturnType<typeof createSingle> | ClusterClient;

/** True for a Redis Cluster client (commands routed per key), false for a single-server one. */
export const isCluster = (client: StorageClient): client is ClusterClient => 'masters' in client;

/** The one long-lived connection (or, for a cluster, set of connections) a Redis storage uses. */
export function createStorageClient(target: RedisTarget, timeoutMs: number): StorageClient {
  return target.cluster ? createClusterClient(target.url, timeoutMs) : createSingle(target.url, timeoutMs);
}

/**
 * Calls `onOutage` once per outage (not per reconnect attempt): a cluster reports trouble per node,
 * a single client for its one connection. Also the 'error' listener without which node-redis
 * would crash the process.
 */
export function watchHealth(client: StorageClient, onOutage: () => void): void {
  let healthy = true;
  const down = (): void => {
    if (!healthy) return;
    healthy = false;
    onOutage();
  };
  const up = (): void => {
    healthy = true;
  };
  if (isCluster(client)) {
    client.on('error', down);
    client.on('node-error', down);
    client.on('node-ready', up);
  } else {
    client.on('error', down);
    client.on('ready', up);
  }
}

/**
 * MGET and DEL of several keys: one command on a single server; on a cluster, one per key
 * (node-redis pipelines them per node), since keys of different slots cannot share a command.
 */
export async function getMany(client: StorageClient, keys: string[]): Promise<(string | null)[]> {
  if (!isCluster(client) || keys.length === 1) return client.mGet(keys);
  return Promise.all(keys.map((key) => client.get(key)));
}

export async function deleteMany(client: StorageClient, keys: string[]): Promise<number> {
  if (!isCluster(client) || keys.length === 1) return client.del(keys);
  const counts = await Promise.all(keys.map((key) => client.del(key)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** A raw command (streams and the like); a cluster routes it by `key`, the key it names. */
export function sendRaw(client: StorageClient, key: string, args: string[]): Promise<unknown> {
  return isCluster(client) ? client.sendCommand(key, false, args) : client.sendCommand(args);
}

/** {@link Deadlines} whose timeout is the storage's `StorageError('timeout')`. */
export class CommandDeadlines extends Deadlines {
  constructor(ms: number) {
    super(ms, () => new StorageError('timeout'));
  }
}

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
