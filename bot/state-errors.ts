/** botbuilder's storages report a lost compare-and-set with this message; bankbot's do the same. */
const CONFLICT = /^Storage: error writing ".*" due to eTag conflict\.$/s;

/** True for the error a Storage throws when another turn wrote the same state first. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && CONFLICT.test(error.message);
}
