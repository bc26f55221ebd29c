import { ClientOfflineError, ConnectionTimeoutError, ErrorReply, TimeoutError } from 'redis';
import { StorageError } from './storage-error.js';

// Replies that mean "the server is there but cannot serve now" rather than "this command is wrong".
const UNAVAILABLE_REPLIES = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|OOM)\b/;

/**
 * Turns a redis client failure into a `StorageError`; a server reply that says the command itself is
 * wrong is returned unchanged because that is a bug, not an outage.
 */
export function toStorageFailure(error: unknown): Error {
  if (error instanceof StorageError) return error;
  if (error instanceof ErrorReply) {
    return UNAVAILABLE_REPLIES.test(error.message) ? new StorageError('busy') : error;
  }
  if (error instanceof TimeoutError || error instanceof ConnectionTimeoutError)
    return new StorageError('timeout');
  if (error instanceof ClientOfflineError) return new StorageError('offline');
  return new StorageError('connection');
}
