/**
 * Thrown when the storage backend cannot be reached in time (down, refusing connections, timing out).
 *
 * @remarks
 * The message never carries keys, values or addresses, so it is safe to log as is; the bot maps the
 * code to a plain sentence for the customer.
 */
export class StorageError extends Error {
  readonly code = 'STORAGE_ERR_UNAVAILABLE';

  constructor(reason: 'offline' | 'timeout' | 'connection' | 'busy') {
    super(`Storage unavailable (${reason}).`);
    this.name = 'StorageError';
  }
}

// botbuilder's MemoryStorage wording, kept verbatim so one check recognises every Storage's conflict.
const CONFLICT = /^Storage: error writing ".*" due to eTag conflict\.$/s;

/** Builds the eTag conflict error exactly as botbuilder's MemoryStorage words it. */
export function eTagConflictError(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

/** True when `error` is an eTag conflict from MemoryStorage or from the Redis storage. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && CONFLICT.test(error.message);
}
